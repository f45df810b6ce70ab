/** The token: moving balance between accounts (the account record itself is shared, in ../../types/account.ts). */
export * from './limits.ts';
export * from './payloads.ts';
export * from './refusals.ts';
export { tokenRules } from './rules.ts';
export * from './intents.ts';
