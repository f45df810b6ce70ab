/**
 * The words for what the app knows and how it knows it: verified at a height (with its age), not
 * verified (an endpoint lied: which one, what it did, what to do), loading; stale views and why.
 * English is the source of the keys, Chinese must match.
 */
export const truthEn = {
  'truth.verifiedAge': 'Verified at final height {height}, {age}',
  'truth.staleMark': 'Verified {age} (height {height}) — no newer block has reached this app',
  'truth.loading': 'Loading — not verified yet',
  'truth.state.fresh': 'Verified',
  'truth.state.stale': 'Out of date',
  'truth.state.loading': 'Loading',
  'truth.state.unverified': 'Not verified',
  'truth.cause.noAnswer': 'No endpoint answers: the nodes may be down, or this computer is offline.',
  'truth.cause.allUntrusted': 'Every endpoint is untrusted, so no newer block can be verified.',
  'truth.cause.behind': 'The endpoints answer, but none has sent a newer final block.',
  'truth.step.noAnswer': 'Check that the nodes are running and reachable, or add another endpoint in Settings.',
  'truth.step.allUntrusted': 'Add an endpoint you trust in Settings, or trust one again once it is fixed.',
  'truth.step.behind': 'Add a second endpoint in Settings: the light node then follows whichever is ahead.',
  'truth.staleTitle': 'Out of date: the newest verified block is from {age}',
  'truth.threshold': 'Shown as out of date after {blocks} block intervals ({duration}) without a newer verified block.',
  'truth.oneEndpoint':
    'Only one endpoint is configured. An endpoint that stops sending new blocks cannot be noticed without a second one to compare with: add another in Settings.',
  'truth.notVerifiedTitle': 'Not verified: an endpoint sent false data',
  'truth.answerUnverified': 'An answer could not be verified.',
  'truth.notVerifiedStep':
    'Nothing it sent is shown. The app uses the other endpoints; if none is left, add one you trust in Settings.',
  'truth.liedEndpoint': '{url} is no longer trusted.',
  'truth.technical': 'Technical detail',
  'truth.behind': 'Behind',
  'truth.behindHint':
    'It keeps offering an older block than another endpoint’s certified one; the app follows the one ahead.',
  'truth.behindPeers':
    'Its own node says its peers have reached block {peers}, but it offers only block {height}: it is catching up or cut off from them.',
  'truth.lie.alteredState':
    'It sent account or state data that does not match the network’s certified state (for example a changed balance).',
  'truth.lie.alteredHeader': 'It sent a block header that was changed after the producers signed it.',
  'truth.lie.missingSignatures': 'It sent a block without enough producer signatures to prove it final.',
  'truth.lie.forgedSignature': 'It sent a block with a forged producer signature.',
  'truth.lie.oldHeader': 'It served an old block as if it were the one asked for or the newest.',
  'truth.lie.hiddenEntry': 'It hid an entry from a listing (or added one) that the certified state shows otherwise.',
  'truth.lie.skippedHandOff': 'It skipped or faked a change of the producer set.',
  'truth.lie.conflictingBlock': 'It sent a block that conflicts with the verified chain.',
  'truth.lie.wrongNetwork': 'It serves a different network.',
  'truth.lie.malformed': 'It sent data that cannot be read.',
  'truth.lie.other': 'Its answer failed verification.',
  'truth.staleness': 'Out-of-date warning',
  'truth.stalenessHint':
    'Mark what is shown as out of date when no newer verified block has arrived for this many block intervals.',
  'truth.stalenessBlocks': '{blocks} block intervals',
  'error.UNREACHABLE.title': 'No endpoint answers',
  'error.UNREACHABLE.step':
    'The nodes may be down, or this computer is offline. It is tried again by itself; you can also add another endpoint in Settings.',
} as const;

export const truthZh: { readonly [K in keyof typeof truthEn]: string } = {
  'truth.verifiedAge': '已在最终高度 {height} 验证，{age}',
  'truth.staleMark': '验证于{age}（高度 {height}）——此后没有更新的区块到达本应用',
  'truth.loading': '加载中——尚未验证',
  'truth.state.fresh': '已验证',
  'truth.state.stale': '已过时',
  'truth.state.loading': '加载中',
  'truth.state.unverified': '未验证',
  'truth.cause.noAnswer': '没有任何节点端点响应：节点可能已停止，或本机已离线。',
  'truth.cause.allUntrusted': '所有节点端点都不受信任，因此无法验证更新的区块。',
  'truth.cause.behind': '节点端点有响应，但都没有发来更新的最终区块。',
  'truth.step.noAnswer': '请检查节点是否在运行且可以连接，或在设置中添加另一个节点端点。',
  'truth.step.allUntrusted': '请在设置中添加一个你信任的节点端点，或在问题修复后重新信任某个端点。',
  'truth.step.behind': '请在设置中添加第二个节点端点：轻节点会跟随领先的那一个。',
  'truth.staleTitle': '已过时：最新的已验证区块来自{age}',
  'truth.threshold': '若 {blocks} 个出块间隔（{duration}）内没有更新的已验证区块，就标为已过时。',
  'truth.oneEndpoint':
    '目前只配置了一个节点端点。没有第二个端点作比较，就无法发现某个端点停止发送新区块：请在设置中再添加一个。',
  'truth.notVerifiedTitle': '未验证：有节点端点发送了虚假数据',
  'truth.answerUnverified': '有一个应答无法验证。',
  'truth.notVerifiedStep':
    '它发送的内容一律不显示。应用会改用其他节点端点；如果一个都不剩，请在设置中添加一个你信任的端点。',
  'truth.liedEndpoint': '{url} 已不再受信任。',
  'truth.technical': '技术细节',
  'truth.behind': '落后',
  'truth.behindHint': '它一直提供比另一个端点已认证区块更旧的区块；应用会跟随领先的端点。',
  'truth.behindPeers':
    '它自己的节点报告其对等节点已到达第 {peers} 个区块，但它只提供第 {height} 个区块：它正在追赶，或与对等节点失去了联系。',
  'truth.lie.alteredState': '它发送的账户或状态数据与网络已认证的状态不符（例如被改动的余额）。',
  'truth.lie.alteredHeader': '它发送的区块头在出块者签名之后被改动过。',
  'truth.lie.missingSignatures': '它发送的区块缺少足够的出块者签名，无法证明已最终确定。',
  'truth.lie.forgedSignature': '它发送的区块带有伪造的出块者签名。',
  'truth.lie.oldHeader': '它把旧区块冒充为所请求的或最新的区块。',
  'truth.lie.hiddenEntry': '它在列表中隐藏（或添加）了条目，与已认证的状态不符。',
  'truth.lie.skippedHandOff': '它跳过或伪造了出块者集合的交接。',
  'truth.lie.conflictingBlock': '它发送的区块与已验证的链相冲突。',
  'truth.lie.wrongNetwork': '它服务的是另一个网络。',
  'truth.lie.malformed': '它发送的数据无法读取。',
  'truth.lie.other': '它的应答未通过验证。',
  'truth.staleness': '过时提醒',
  'truth.stalenessHint': '若这么多个出块间隔内没有更新的已验证区块到达，就把显示的内容标为已过时。',
  'truth.stalenessBlocks': '{blocks} 个出块间隔',
  'error.UNREACHABLE.title': '没有节点端点响应',
  'error.UNREACHABLE.step': '节点可能已停止，或本机已离线。应用会自动重试；你也可以在设置中添加另一个节点端点。',
} as const;
