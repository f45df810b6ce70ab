/** Restoring the vault from its recovery phrase after a forgotten password (Unlock → RestorePhrase). */
export const restoreEn = {
  'restore.start': 'Restore from the recovery phrase',
  'restore.title': 'Restore the vault from its recovery phrase',
  'restore.intro':
    'Enter the vault’s recovery phrase. The app checks that it belongs to this vault and shows what it brings back before anything changes.',
  'restore.check': 'Check the phrase',
  'restore.cancel': 'Back to unlock',
  'restore.matches': 'This is the vault’s phrase:',
  'restore.comesBack': 'Accounts restored from it ({count})',
  'restore.notBack': 'Not restored: a recovery phrase cannot bring these back',
  'restore.notBackWhy':
    'Imported keys, watch-only addresses, accounts of another phrase and consensus keys are not made from this phrase. They stay in the old vault file; add them again afterwards (a watch-only address by its address, an imported or consensus key from your own copy).',
  'restore.kind.imported': 'Imported key',
  'restore.kind.watch': 'Watch-only',
  'restore.kind.derived': 'From another phrase',
  'restore.kind.consensus': 'Consensus key',
  'restore.backupNote':
    'The old vault file is not deleted: it is kept beside the new one as a dated backup, so another password might still open it.',
  'restore.acknowledge': 'I understand that the items listed under “Not restored” will not be in the restored vault.',
  'restore.submit': 'Restore the vault',
  'restore.working': 'Restoring…',
  'restore.doneTitle': 'Vault restored',
  'restore.done': 'The vault was rebuilt from the recovery phrase with {count} accounts, under the new password.',
  'restore.backupAt': 'The old vault file is kept here:',
  'restore.open': 'Open the wallet',
} as const;

export const restoreZh: { readonly [K in keyof typeof restoreEn]: string } = {
  'restore.start': '用助记词恢复',
  'restore.title': '用助记词恢复保险库',
  'restore.intro': '请输入保险库的助记词。应用会先确认它属于这个保险库，并在做任何更改之前列出它能恢复的内容。',
  'restore.check': '检查助记词',
  'restore.cancel': '返回解锁',
  'restore.matches': '这是本保险库的助记词：',
  'restore.comesBack': '由它恢复的账户（{count} 个）',
  'restore.notBack': '无法恢复：助记词不能找回以下各项',
  'restore.notBackWhy':
    '导入的密钥、只读地址、其他助记词的账户以及共识密钥都不是由这组助记词生成的。它们仍保存在旧的保险库文件中；之后请重新添加（只读地址按地址添加，导入的密钥或共识密钥用你自己保存的副本）。',
  'restore.kind.imported': '导入的密钥',
  'restore.kind.watch': '只读',
  'restore.kind.derived': '来自另一组助记词',
  'restore.kind.consensus': '共识密钥',
  'restore.backupNote': '旧的保险库文件不会被删除：它作为带日期的备份保存在新文件旁边，也许另一个密码还能打开它。',
  'restore.acknowledge': '我明白“无法恢复”下列出的各项不会出现在恢复后的保险库中。',
  'restore.submit': '恢复保险库',
  'restore.working': '正在恢复…',
  'restore.doneTitle': '保险库已恢复',
  'restore.done': '已用助记词重建保险库，共 {count} 个账户，使用新密码。',
  'restore.backupAt': '旧的保险库文件保存在：',
  'restore.open': '打开钱包',
};
