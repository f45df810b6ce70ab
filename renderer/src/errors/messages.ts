/**
 * Error details the main process sends as a key (ContractError.key, see shared/contract/result.ts):
 * `error.detail.<key>`, worded here in each language with the error's params. A key the page does
 * not know falls back to the main process's English sentence.
 */
export const errorDetailEn = {
  'error.detail.request.invalid': 'These values were not accepted: {fields}. Correct them and try again.',
  'error.detail.password.missing': 'Enter the vault password.',
  'error.detail.password.short': 'Choose a password of at least {min} characters.',
  'error.detail.password.long': 'Choose a password of at most {max} characters.',
  'error.detail.vault.none': 'No vault has been created yet. Create one first.',
  'error.detail.vault.locked': 'The vault is locked. Unlock it with your password first.',
  'error.detail.vault.tampered':
    'The vault file has been altered or damaged, so nothing was opened. Restore the vault file from a backup, or restore the vault from its recovery phrase.',
  'error.detail.vault.damaged': 'The vault file {file} cannot be opened: it is damaged. Restore it from a backup.',
  'error.detail.vault.newer':
    'The vault file {file} was written by a newer version of Consortia. Update the app to open it.',
  'error.detail.vault.keychainUnavailable':
    'This vault keeps part of its key in the system keychain, which does not answer. Start or unlock the keychain and try again.',
  'error.detail.vault.keychainUnavailableCreate':
    'The system keychain does not answer. Start it and try again, or protect the vault with the password only (then choose a long one).',
  'error.detail.vault.keychainSecretMissing':
    'The system keychain no longer holds this vault’s secret (service {service}, account {account}), so even the right password cannot open it. Restore that keychain entry from a backup, or restore the vault from its recovery phrase.',
  'error.detail.vault.label': 'A name is text of at most {max} characters.',
  'error.detail.phrase.invalid':
    'This recovery phrase was not accepted: check that it has 12 or 24 words from the word list, each spelled right and in order.',
  'error.detail.phrase.exists': 'This recovery phrase is already in the vault as “{label}”.',
  'error.detail.address.invalid': 'This address was not accepted: check it against the one you were given.',
  'error.detail.restore.otherPhrase':
    'This recovery phrase is a valid one, but not the phrase of this vault. Check each word and their order.',
  'error.detail.restore.noPhrase': 'This vault holds no recovery phrase, so it cannot be restored from one.',
  'error.detail.network.unreachable':
    'No network endpoint answers: they are down, or this computer cannot reach them. Check the connection, or add another endpoint in Settings.',
  'error.detail.offline.mode':
    'This window runs in offline mode: it never touches the network. Use the online wallet for this.',
  'error.detail.devnet.starting': 'The embedded devnet is still starting; try again in a moment.',
  'error.detail.devnet.failed':
    'The embedded devnet could not start. Restart the app; if it fails again, choose another network in Settings.',
  'error.detail.devnet.exited':
    'The embedded devnet stopped before its nodes started (exit code {code}). Restart the app; if it fails again, choose another network in Settings.',
  'error.detail.endpoint.invalid':
    '“{url}” is not an endpoint address; enter the node’s full address, as in the example under the field.',
  'error.detail.endpoint.exists': '{url} is already one of the endpoints.',
  'error.detail.endpoint.unknown': '{url} is not one of the endpoints.',
  'error.detail.endpoint.devnetOwn': '{url} is one of the embedded devnet’s own nodes; it cannot be removed.',
} as const;

export const errorDetailZh: { readonly [K in keyof typeof errorDetailEn]: string } = {
  'error.detail.request.invalid': '以下值未被接受：{fields}。请更正后重试。',
  'error.detail.password.missing': '请输入保险库密码。',
  'error.detail.password.short': '请选择至少 {min} 个字符的密码。',
  'error.detail.password.long': '请选择不超过 {max} 个字符的密码。',
  'error.detail.vault.none': '尚未创建保险库。请先创建一个。',
  'error.detail.vault.locked': '保险库已锁定。请先用密码解锁。',
  'error.detail.vault.tampered':
    '保险库文件已被篡改或损坏，因此没有打开任何内容。请从备份恢复保险库文件，或用助记词恢复保险库。',
  'error.detail.vault.damaged': '保险库文件 {file} 已损坏，无法打开。请从备份恢复。',
  'error.detail.vault.newer': '保险库文件 {file} 由更新版本的 Consortia 写入。请更新应用后再打开。',
  'error.detail.vault.keychainUnavailable':
    '此保险库的一部分密钥保存在系统钥匙串中，而钥匙串没有响应。请启动或解锁钥匙串后重试。',
  'error.detail.vault.keychainUnavailableCreate':
    '系统钥匙串没有响应。请启动它后重试，或只用密码保护保险库（那时请选择较长的密码）。',
  'error.detail.vault.keychainSecretMissing':
    '系统钥匙串中已没有此保险库的密钥（服务 {service}，账户 {account}），因此即使密码正确也无法打开。请从备份恢复该钥匙串条目，或用助记词恢复保险库。',
  'error.detail.vault.label': '名称最多 {max} 个字符。',
  'error.detail.phrase.invalid': '助记词未被接受：请检查它是否由词表中的 12 或 24 个词组成，拼写和顺序都正确。',
  'error.detail.phrase.exists': '这组助记词已以“{label}”的名称存在于保险库中。',
  'error.detail.address.invalid': '地址未被接受：请与对方给你的地址核对。',
  'error.detail.restore.otherPhrase': '这是一组有效的助记词，但不是本保险库的助记词。请检查每个词及其顺序。',
  'error.detail.restore.noPhrase': '此保险库中没有助记词，因此无法用助记词恢复。',
  'error.detail.network.unreachable':
    '没有任何网络端点响应：它们已停止，或本机无法连接到它们。请检查网络连接，或在“设置”中添加另一个端点。',
  'error.detail.offline.mode': '此窗口以离线模式运行：它从不连接网络。请在联网的钱包中进行此操作。',
  'error.detail.devnet.starting': '内置开发网络仍在启动；请稍后重试。',
  'error.detail.devnet.failed': '内置开发网络无法启动。请重启应用；如果仍然失败，请在“设置”中选择其他网络。',
  'error.detail.devnet.exited':
    '内置开发网络在节点启动前就停止了（退出码 {code}）。请重启应用；如果仍然失败，请在“设置”中选择其他网络。',
  'error.detail.endpoint.invalid': '“{url}”不是有效的节点端点地址；请输入节点的完整地址，格式见输入框下方的示例。',
  'error.detail.endpoint.exists': '{url} 已经是端点之一。',
  'error.detail.endpoint.unknown': '{url} 不是端点之一。',
  'error.detail.endpoint.devnetOwn': '{url} 是内置开发网络自己的节点，不能移除。',
};
