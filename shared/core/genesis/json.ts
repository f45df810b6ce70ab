/**
 * The genesis document as JSON, read strictly: unknown fields are refused (a misspelt field must
 * not silently fall back to nothing), u64 amounts are decimal strings (JSON numbers lose
 * precision above 2^53), u32 parameters are plain numbers, addresses are bech32m under the
 * document's own addressPrefix, consensus keys are 64 hex digits. Shape errors stop at the first
 * one (with its path); a well-shaped document is then checked against every rule at once.
 */
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { MAX_U64 } from '../encoding/index.ts';
import { chainParameterSpecs, type ChainParameters, type ParameterName } from '../types/index.ts';
import { encodeAddress, parseAddress } from '../crypto/index.ts';
import type { GenesisAccount, GenesisCandidate, GenesisDoc, GenesisMember, GenesisVote } from './document.ts';
import { genesisProblems, isValidAddressPrefix } from './validate.ts';

export type GenesisParse = { ok: true; doc: GenesisDoc } | { ok: false; problems: string[] };

type U64Parameter = { [K in ParameterName]: ChainParameters[K] extends bigint ? K : never }[ParameterName];
/** The u64 parameters (decimal strings in JSON); the type makes this list exactly the bigint fields. */
const U64_PARAMETERS: Record<U64Parameter, true> = {
  unbondingPeriodBlocks: true,
  jailPeriodBlocks: true,
  minFee: true,
  blockReward: true,
  proposalPeriodBlocks: true,
};
/** In wire-tag order, which is also the order the JSON lists them. */
const PARAMETER_NAMES = Object.keys(chainParameterSpecs) as ParameterName[];

class ShapeError extends Error {}

const fail = (path: string, message: string): never => {
  throw new ShapeError(`${path}: ${message}`);
};

function object(v: unknown, path: string, fields: readonly string[]): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(path, 'expected an object');
  const record = v as Record<string, unknown>;
  for (const k of Object.keys(record))
    if (!fields.includes(k)) fail(path, `unknown field "${k}" (expected ${fields.join(', ')})`);
  for (const k of fields) if (!(k in record)) fail(path, `missing field "${k}"`);
  return record;
}

function list(v: unknown, path: string): unknown[] {
  return Array.isArray(v) ? v : fail(path, 'expected an array');
}

function string(v: unknown, path: string): string {
  return typeof v === 'string' ? v : fail(path, 'expected a string');
}

function u64String(v: unknown, path: string): bigint {
  if (typeof v !== 'string' || !/^(0|[1-9][0-9]*)$/.test(v)) {
    return fail(
      path,
      `expected a decimal string such as "1000" (u64 values are strings so no precision is lost), got ${JSON.stringify(v)}`,
    );
  }
  const n = BigInt(v);
  return n <= MAX_U64 ? n : fail(path, `${v} exceeds the u64 maximum ${MAX_U64}`);
}

function u32Number(v: unknown, path: string): number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 0xffff_ffff
    ? v
    : fail(path, `expected an integer in 0..4294967295, got ${JSON.stringify(v)}`);
}

function parameters(v: unknown, path: string): ChainParameters {
  const record = object(v, path, PARAMETER_NAMES);
  const out: Record<string, number | bigint> = {};
  for (const name of PARAMETER_NAMES) {
    out[name] = Object.hasOwn(U64_PARAMETERS, name)
      ? u64String(record[name], `${path}.${name}`)
      : u32Number(record[name], `${path}.${name}`);
  }
  return out as unknown as ChainParameters;
}

function readDoc(value: unknown): GenesisDoc {
  const fields = [
    'chainId',
    'addressPrefix',
    'genesisTime',
    'parameters',
    'members',
    'candidates',
    'accounts',
    'initialProducers',
  ];
  const root = object(value, 'genesis', fields);
  const prefix = string(root.addressPrefix, 'addressPrefix');
  if (!isValidAddressPrefix(prefix))
    fail(
      'addressPrefix',
      `${JSON.stringify(prefix)} must be 1–16 lower-case letters or digits, starting with a letter`,
    );
  const address = (v: unknown, path: string): Uint8Array => {
    const parsed = parseAddress(prefix, string(v, path));
    return parsed.ok ? parsed.value : fail(path, parsed.reason);
  };
  const key = (v: unknown, path: string): Uint8Array => {
    const s = string(v, path);
    return /^[0-9a-f]{64}$/.test(s)
      ? hexToBytes(s)
      : fail(path, 'expected 64 lower-case hex digits (a 32-byte Ed25519 public key)');
  };
  const member = (v: unknown, path: string): GenesisMember => {
    const m = object(v, path, ['address', 'name', 'info']);
    return {
      address: address(m.address, `${path}.address`),
      name: string(m.name, `${path}.name`),
      info: string(m.info, `${path}.info`),
    };
  };
  const candidate = (v: unknown, path: string): GenesisCandidate => {
    const c = object(v, path, ['address', 'name', 'consensusKey', 'endpoint']);
    return {
      address: address(c.address, `${path}.address`),
      name: string(c.name, `${path}.name`),
      consensusKey: key(c.consensusKey, `${path}.consensusKey`),
      endpoint: string(c.endpoint, `${path}.endpoint`),
    };
  };
  const vote = (v: unknown, path: string): GenesisVote => {
    const x = object(v, path, ['candidate', 'amount']);
    return { candidate: address(x.candidate, `${path}.candidate`), amount: u64String(x.amount, `${path}.amount`) };
  };
  const account = (v: unknown, path: string): GenesisAccount => {
    const a = object(v, path, ['address', 'balance', 'staked', 'votes']);
    return {
      address: address(a.address, `${path}.address`),
      balance: u64String(a.balance, `${path}.balance`),
      staked: u64String(a.staked, `${path}.staked`),
      votes: list(a.votes, `${path}.votes`).map((x, i) => vote(x, `${path}.votes[${i}]`)),
    };
  };
  return {
    chainId: string(root.chainId, 'chainId'),
    addressPrefix: prefix,
    genesisTime: u64String(root.genesisTime, 'genesisTime'),
    parameters: parameters(root.parameters, 'parameters'),
    members: list(root.members, 'members').map((x, i) => member(x, `members[${i}]`)),
    candidates: list(root.candidates, 'candidates').map((x, i) => candidate(x, `candidates[${i}]`)),
    accounts: list(root.accounts, 'accounts').map((x, i) => account(x, `accounts[${i}]`)),
    initialProducers: list(root.initialProducers, 'initialProducers').map((x, i) =>
      address(x, `initialProducers[${i}]`),
    ),
  };
}

/** A parsed JSON value (e.g. from JSON.parse) → a checked document, or every problem found. */
export function genesisFromJson(value: unknown): GenesisParse {
  let doc: GenesisDoc;
  try {
    doc = readDoc(value);
  } catch (e) {
    if (e instanceof ShapeError) return { ok: false, problems: [e.message] };
    throw e;
  }
  const problems = genesisProblems(doc);
  return problems.length === 0 ? { ok: true, doc } : { ok: false, problems };
}

/** Genesis JSON text → a checked document. */
export function parseGenesis(json: string): GenesisParse {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    return { ok: false, problems: [`the genesis file is not valid JSON: ${(e as Error).message}`] };
  }
  return genesisFromJson(value);
}

/** The JSON value of a document (fields in the documented order). */
export function genesisToJsonValue(doc: GenesisDoc): Record<string, unknown> {
  const addr = (a: Uint8Array): string => encodeAddress(doc.addressPrefix, a);
  const params: Record<string, number | string> = {};
  for (const name of PARAMETER_NAMES) {
    const v = doc.parameters[name];
    params[name] = typeof v === 'bigint' ? v.toString() : v;
  }
  return {
    chainId: doc.chainId,
    addressPrefix: doc.addressPrefix,
    genesisTime: doc.genesisTime.toString(),
    parameters: params,
    members: doc.members.map((m) => ({ address: addr(m.address), name: m.name, info: m.info })),
    candidates: doc.candidates.map((c) => ({
      address: addr(c.address),
      name: c.name,
      consensusKey: bytesToHex(c.consensusKey),
      endpoint: c.endpoint,
    })),
    accounts: doc.accounts.map((a) => ({
      address: addr(a.address),
      balance: a.balance.toString(),
      staked: a.staked.toString(),
      votes: a.votes.map((v) => ({ candidate: addr(v.candidate), amount: v.amount.toString() })),
    })),
    initialProducers: doc.initialProducers.map(addr),
  };
}

export function genesisToJson(doc: GenesisDoc): string {
  return `${JSON.stringify(genesisToJsonValue(doc), null, 2)}\n`;
}
