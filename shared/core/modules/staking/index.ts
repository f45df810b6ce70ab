/** Staking and voting: the stake pool (stake, unstake, withdraw) and allocating stake to candidates. */
export * from './limits.ts';
export * from './payloads.ts';
export * from './refusals.ts';
export { addUnbonding, stakingRules } from './rules.ts';
export * from './intents.ts';
