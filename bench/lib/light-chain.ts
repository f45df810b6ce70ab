/**
 * A long synthetic chain of certified headers for the light-node bench: every header links to its
 * parent, names its round's set, carries its parent's certificate, is signed by its producer and
 * certified by ⌊2N/3⌋+1 precommits of its round's set (the devnet's consensus keys, plus derived
 * ones when the set changes). The last header of each round announces the next round's set.
 *
 * No state is executed: state roots are arbitrary (a hash of the height) and blocks carry no
 * transactions, because header verification never looks inside the state. Generating takes tens of
 * seconds, so the chain is cached in `.bench-cache/` (gitignored), keyed by its spec.
 */
import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { quorum } from '../../shared/core/bft/index.ts';
import {
  addressBytes,
  publicKeyFromSecret,
  sha256,
  SigningDomain,
  signingDigest,
} from '../../shared/core/crypto/index.ts';
import { devnetGenesis, genesisHeader, genesisState, type GenesisDoc } from '../../shared/core/genesis/index.ts';
import { precommitBytes } from '../../shared/core/light/index.ts';
import { txRoot } from '../../shared/core/merkle/index.ts';
import {
  blockHeaderCodec,
  commitCertificateCodec,
  HEADER_VERSION,
  headerHash,
  signedHeaderCodec,
  validatorSetHash,
  type BlockHeader,
  type CommitCertificate,
  type Hash,
  type ValidatorSet,
} from '../../shared/core/types/index.ts';

export interface ChainSpec {
  /** Names the cache file; change it when the layout below changes. */
  readonly name: string;
  /** Headers after genesis. */
  readonly blocks: number;
  /** Blocks per DPoS round (active producers × blocks per turn; 4 producers here). */
  readonly roundLength: number;
  /** A new set every round from round 2 on (rounds 0 and 1 are genesis's), or the genesis set throughout. */
  readonly setChangesEveryRound: boolean;
  /** Instead: a new set from each of these rounds on (each ≥ 2), the set re-elected in every other round. */
  readonly changesAt?: readonly number[];
}

export interface SyntheticChain {
  readonly spec: ChainSpec;
  readonly doc: GenesisDoc;
  /** Index = height; [0] is the genesis header's hash. */
  readonly hashes: Hash[];
  /** Canonical SignedHeader bytes; index = height ([0] unused). */
  readonly headers: Uint8Array[];
  /** Canonical CommitCertificate bytes; index = height ([0] unused). */
  readonly certificates: Uint8Array[];
  roundOf(height: number): number;
  /** The set that certifies the headers of `round`. */
  setOf(round: number): ValidatorSet;
  /** Whether `height` is the last header of its round (its hand-off). */
  isLastOfRound(height: number): boolean;
}

const PRODUCERS = 4;
const POOL = 8;
const SEED = new TextEncoder().encode('consortia light-node bench');
const GENESIS_TIME = 1_767_225_600_000n; // 2026-01-01
const CACHE_DIR = new URL('../../.bench-cache/', import.meta.url);
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

interface Signer {
  readonly address: Uint8Array;
  readonly consensusKey: Uint8Array;
  readonly key: KeyObject;
}

/** node:crypto signs the same deterministic RFC 8032 signatures as the core's signer, many times faster. */
function signer(address: Uint8Array, secret: Uint8Array): Signer {
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, secret]), format: 'der', type: 'pkcs8' });
  return { address, consensusKey: publicKeyFromSecret(secret), key };
}

function signDigest(s: Signer, domain: SigningDomain, chainId: string, bytes: Uint8Array): Uint8Array {
  return cryptoSign(null, signingDigest(domain, chainId, bytes), s.key);
}

function devnetOf(spec: ChainSpec) {
  return devnetGenesis({
    producers: PRODUCERS,
    seed: SEED,
    chainId: 'consortia-light-bench',
    genesisTime: GENESIS_TIME,
    parameters: { blocksPerTurn: spec.roundLength / PRODUCERS, unbondingPeriodBlocks: 100_000_000n },
  });
}

/** The genesis producers first (in the genesis set's order), then derived validators for changing sets. */
function signerPool(spec: ChainSpec): { signers: Signer[]; genesisSet: ValidatorSet; doc: GenesisDoc } {
  const { doc, producerKeys } = devnetOf(spec);
  const genesisSet = genesisState(doc).validators;
  const signers = genesisSet.map((v) => {
    const key = producerKeys.find((k) => Buffer.from(k.consensusPublicKey).equals(v.consensusKey))!;
    return signer(v.address, key.consensusSecretKey);
  });
  for (let i = signers.length; i < POOL; i++) {
    const secret = sha256(new TextEncoder().encode(`consortia light-node bench/validator/${i}`));
    signers.push(signer(addressBytes(publicKeyFromSecret(secret)), secret));
  }
  return { signers, genesisSet, doc };
}

/** How many times the set changed up to `round`: 0 is the genesis set. */
function setIndex(spec: ChainSpec, round: number): number {
  if (spec.changesAt) return spec.changesAt.filter((r) => r <= round).length;
  return spec.setChangesEveryRound && round >= 2 ? round : 0;
}

function roundSigners(spec: ChainSpec, signers: Signer[], round: number): Signer[] {
  // A sliding window over the pool: a set that changes differs from the one before it.
  const start = setIndex(spec, round) % POOL;
  return Array.from({ length: PRODUCERS }, (_, i) => signers[(start + i) % POOL]!);
}

function layout(spec: ChainSpec, signers: Signer[], genesisSet: ValidatorSet) {
  const sets = new Map<number, ValidatorSet>();
  const roundOf = (height: number) => Math.floor((height - 1) / spec.roundLength);
  const setOf = (round: number): ValidatorSet => {
    if (setIndex(spec, round) === 0) return genesisSet;
    let set = sets.get(round);
    if (!set)
      sets.set(
        round,
        (set = roundSigners(spec, signers, round).map((s) => ({ address: s.address, consensusKey: s.consensusKey }))),
      );
    return set;
  };
  const isLastOfRound = (height: number) => height % spec.roundLength === 0;
  return { roundOf, setOf, isLastOfRound };
}

function generate(spec: ChainSpec, doc: GenesisDoc, signers: Signer[], shape: ReturnType<typeof layout>) {
  const genesis = genesisHeader(doc);
  const hashes: Hash[] = [headerHash(genesis)];
  const headers: Uint8Array[] = [new Uint8Array(0)];
  const certificates: Uint8Array[] = [new Uint8Array(0)];
  const emptyTxRoot = txRoot([]);
  const setHashes = new Map<number, Hash>();
  const setHash = (round: number) =>
    setHashes.get(round) ?? (setHashes.set(round, validatorSetHash(shape.setOf(round))), setHashes.get(round)!);
  let lastCommit: CommitCertificate | undefined;
  for (let height = 1; height <= spec.blocks; height++) {
    const round = shape.roundOf(height);
    const members = roundSigners(spec, signers, round);
    const producer = members[(height - 1) % PRODUCERS]!;
    const header: BlockHeader = {
      version: HEADER_VERSION,
      height: BigInt(height),
      dposRound: BigInt(round),
      timestamp: GENESIS_TIME + BigInt(height) * 1000n,
      previousHash: hashes[height - 1]!,
      producer: producer.address,
      stateRoot: sha256(new TextEncoder().encode(`state after ${height}`)),
      transactionRoot: emptyTxRoot,
      validatorSetHash: setHash(round),
      nextValidatorSetHash: shape.isLastOfRound(height) ? setHash(round + 1) : setHash(round),
      ...(lastCommit ? { lastCommit } : {}),
    };
    const bytes = blockHeaderCodec.encode(header);
    const hash = sha256(bytes);
    const signature = signDigest(producer, SigningDomain.BLOCK_HEADER, doc.chainId, bytes);
    const certificate: CommitCertificate = { height: header.height, round: 0, blockHash: hash, signatures: [] };
    for (let index = 0; index < quorum(PRODUCERS); index++) {
      const vote = precommitBytes(certificate, members[index]!.consensusKey);
      certificate.signatures.push({
        validatorIndex: index,
        signature: signDigest(members[index]!, SigningDomain.PRECOMMIT, doc.chainId, vote),
      });
    }
    hashes.push(hash);
    headers.push(signedHeaderCodec.encode({ header, signature }));
    certificates.push(commitCertificateCodec.encode(certificate));
    lastCommit = certificate;
  }
  return { hashes, headers, certificates };
}

/** Cache layout: per height, u32 header length, header, u32 certificate length, certificate, 32-byte hash. */
function save(
  file: URL,
  chain: { hashes: Hash[]; headers: Uint8Array[]; certificates: Uint8Array[] },
  generatedMs: number,
): void {
  const parts: Uint8Array[] = [chain.hashes[0]!];
  for (let h = 1; h < chain.headers.length; h++) {
    const lengths = Buffer.alloc(4);
    lengths.writeUInt32BE(chain.headers[h]!.length);
    const certLength = Buffer.alloc(4);
    certLength.writeUInt32BE(chain.certificates[h]!.length);
    parts.push(lengths, chain.headers[h]!, certLength, chain.certificates[h]!, chain.hashes[h]!);
  }
  mkdirSync(CACHE_DIR, { recursive: true });
  const partial = new URL(`${file.href}.partial`);
  writeFileSync(partial, Buffer.concat(parts));
  writeFileSync(new URL(`${file.href}.json`), JSON.stringify({ generatedMs }));
  renameSync(partial, file); // a run stopped halfway leaves no truncated cache behind
}

function load(file: URL, blocks: number) {
  const data = readFileSync(file);
  const hashes: Hash[] = [data.subarray(0, 32)];
  const headers: Uint8Array[] = [new Uint8Array(0)];
  const certificates: Uint8Array[] = [new Uint8Array(0)];
  let at = 32;
  for (let h = 1; h <= blocks; h++) {
    const headerLength = data.readUInt32BE(at);
    headers.push(data.subarray(at + 4, (at += 4 + headerLength)));
    const certLength = data.readUInt32BE(at);
    certificates.push(data.subarray(at + 4, (at += 4 + certLength)));
    hashes.push(data.subarray(at, (at += 32)));
  }
  if (at !== data.length)
    throw new Error(`The cached chain ${file.pathname} does not match its spec; delete .bench-cache/ and run again`);
  return { hashes, headers, certificates };
}

export function cacheFileOf(spec: ChainSpec): URL {
  const changes = spec.changesAt ? `-at${spec.changesAt.join('.')}` : spec.setChangesEveryRound ? '-changing' : '';
  return new URL(`light-${spec.name}-${spec.blocks}-r${spec.roundLength}${changes}.bin`, CACHE_DIR);
}

/**
 * The chain for `spec`, from the cache or generated now (and cached, unless `cache` is false: tests
 * generate small chains); how long generating it took, and whether it was cached.
 */
export function syntheticChain(
  spec: ChainSpec,
  cache = true,
): { chain: SyntheticChain; generatedMs: number; cached: boolean } {
  const { signers, genesisSet, doc } = signerPool(spec);
  const shape = layout(spec, signers, genesisSet);
  const file = cacheFileOf(spec);
  if (cache && existsSync(file)) {
    const { generatedMs } = JSON.parse(readFileSync(new URL(`${file.href}.json`), 'utf8')) as { generatedMs: number };
    return { chain: { spec, doc, ...load(file, spec.blocks), ...shape }, generatedMs, cached: true };
  }
  const start = performance.now();
  const parts = generate(spec, doc, signers, shape);
  const generatedMs = performance.now() - start;
  if (cache) save(file, parts, generatedMs);
  return { chain: { spec, doc, ...parts, ...shape }, generatedMs, cached: false };
}
