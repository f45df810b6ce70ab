/** Genesis: the document a network starts from, its JSON form, its state, hash and header, and devnets. */
export * from './document.ts';
export { genesisDocCodec, genesisHash, normaliseGenesis } from './codec.ts';
export { genesisProblems, isValidAddressPrefix } from './validate.ts';
export { genesisFromJson, genesisToJson, genesisToJsonValue, parseGenesis, type GenesisParse } from './json.ts';
export { GenesisError, genesisHeader, genesisState, type GenesisState } from './state.ts';
export * from './devnet.ts';
