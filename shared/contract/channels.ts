/**
 * The contract's channel names, with no schema library attached, so the preload and the page can
 * derive their named methods without shipping the validators. `ipc.ts` must give each one a schema:
 * the type checker refuses a name without a schema or a schema without a name.
 */
export const methodNames = [
  'app.info',
  'app.echo',
  'vault.status',
  'vault.create',
  'vault.unlock',
  'vault.lock',
  'vault.changePassword',
  'vault.setAutoLock',
  'vault.createMnemonic',
  'vault.importMnemonic',
  'vault.addAccount',
  'vault.addWatchOnly',
  'vault.renameAccount',
  'vault.removeAccount',
  'vault.exportMnemonic',
  'vault.consensusKeys',
  'vault.generateConsensusKey',
  'vault.restorePlan',
  'vault.restoreFromPhrase',
  'network.status',
  'network.addEndpoint',
  'network.removeEndpoint',
  'network.trustAgain',
  'network.setStaleness',
  'network.round',
  'network.candidates',
  'network.members',
  'network.proposals',
  'network.choose',
  'network.checkAddress',
  'wallet.account',
  'wallet.prepare',
  'wallet.submit',
  'wallet.transaction',
  'wallet.pending',
  'wallet.history',
  'wallet.historyCsv',
  'wallet.contacts',
  'wallet.saveContact',
  'wallet.removeContact',
  'producer.overview',
  'producer.alerts',
  'producer.checkEndpoint',
  'offline.createRequest',
  'offline.scan',
  'offline.importFile',
  'offline.sign',
  'offline.broadcast',
  'devnet.status',
] as const;
export const eventNames = [
  'app.heartbeat',
  'vault.changed',
  'network.status',
  'network.head',
  'network.endpointUntrusted',
  'wallet.transaction',
  'producer.alert',
] as const;

export type MethodName = (typeof methodNames)[number];
export type EventName = (typeof eventNames)[number];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && (methodNames as readonly string[]).includes(name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}
