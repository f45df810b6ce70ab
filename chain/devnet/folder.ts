/**
 * A devnet folder: DIR/devnet.json (the random seed every key derives from, and the ports when the system chose
 * them), DIR/genesis.json, DIR/nodeI/{consensus-key,account-key}.json and DIR/accounts/member-K.json, all secrets
 * mode 0600. genesis.json is written last, so its presence marks a complete devnet that can be resumed; a new
 * devnet is written in a hidden sibling folder and renamed into place.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import * as z from 'zod';
import {
  devnetGenesis,
  genesisHash,
  genesisToJson,
  parseGenesis,
  type Devnet,
  type DevnetFundedMember,
  type GenesisDoc,
} from '../../shared/core/genesis/index.ts';
import { addressFromPublicKey, encodeAddress } from '../../shared/core/crypto/index.ts';
import { readKeyFile, writeKeyFile } from '../../shared/node/keyfile.ts';
import { DevnetError } from './errors.ts';
import { nodeDir, p2pUrl } from './nodes.ts';
import { pickFreePorts, portIsFree, type NodePorts } from './ports.ts';

/**
 * Where the nodes listen. `basePort`: node i on base+2i (P2P) and base+2i+1 (RPC), every run (`consortia devnet`).
 * 'free': ports the system picks when the devnet is created, remembered in devnet.json and used again on resume,
 * so the P2P endpoints written into genesis stay true (a remembered RPC port taken meanwhile is replaced).
 */
export type DevnetPortChoice = { basePort: number } | 'free';

export interface DevnetFolderRequest {
  dir: string;
  /** Producers and block interval of a new devnet; a resumed one keeps its own. */
  producers: number;
  blockTimeMs: number;
  ports: DevnetPortChoice;
  /**
   * Creation only, after the folder exists and before genesis.json is written: the caller may put files of its
   * own into the new folder and name members to fund in genesis (e.g. a wallet's account).
   */
  onCreate?: (dir: string) => { fundedMembers: DevnetFundedMember[] };
}

export interface DevnetFolder {
  dir: string;
  doc: GenesisDoc;
  /** Hex. */
  genesisHash: string;
  /** Consensus secret key of node i. */
  consensusKeys: Uint8Array[];
  ports: NodePorts[];
  created: boolean;
  /** Generated funded members: address and key file. */
  accounts: { address: string; file: string }[];
}

const consensusKeyFile = (dir: string, i: number) => join(nodeDir(dir, i), 'consensus-key.json');
const accountKeyFile = (dir: string, i: number) => join(nodeDir(dir, i), 'account-key.json');
const memberKeyFile = (dir: string, k: number) => join(dir, 'accounts', `member-${k}.json`);
const port = z.number().int().min(1).max(65535);
const settingsSchema = z.object({
  version: z.literal(1),
  seed: z.string(),
  createdAt: z.string(),
  ports: z.array(z.object({ p2p: port, rpc: port })).optional(),
});

/** Opens the devnet in `dir`, creating it if the folder is empty or absent. */
export async function openDevnetFolder(request: DevnetFolderRequest): Promise<DevnetFolder> {
  if (!existsSync(join(request.dir, 'genesis.json'))) return create(request);
  return resume(request);
}

function basePorts(basePort: number, nodes: number): NodePorts[] {
  if (basePort + 2 * nodes - 1 > 65535)
    throw new DevnetError(
      `Base port ${basePort} leaves no room for ${nodes} nodes (2 ports each); use at most ${65535 - 2 * nodes + 1}.`,
    );
  return Array.from({ length: nodes }, (_, i) => ({ p2p: basePort + 2 * i, rpc: basePort + 2 * i + 1 }));
}

async function create(request: DevnetFolderRequest): Promise<DevnetFolder> {
  const { dir } = request;
  const ports =
    request.ports === 'free'
      ? pairs(await pickFreePorts(2 * request.producers))
      : basePorts(request.ports.basePort, request.producers);
  // A half-written devnet or an unrelated folder: refuse rather than mix files into it.
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new DevnetError(
      `${dir} is not empty but holds no devnet (no genesis.json); choose another folder or empty it.`,
    );
  }
  // Built in a hidden sibling folder and renamed into place: an interrupted creation leaves nothing at DIR.
  const parent = dirname(resolve(dir));
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(join(parent, `.${basename(resolve(dir))}-creating-`));
  let devnet: Devnet;
  try {
    devnet = writeNewDevnet(staging, request, ports);
    if (existsSync(dir)) rmdirSync(dir); // empty, as checked above
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    doc: devnet.doc,
    genesisHash: bytesToHex(genesisHash(devnet.doc)),
    consensusKeys: devnet.producerKeys.map((k) => k.consensusSecretKey),
    ports,
    created: true,
    accounts: devnet.memberKeys.map((k, i) => ({
      address: encodeAddress(devnet.doc.addressPrefix, k.address),
      file: memberKeyFile(dir, i),
    })),
  };
}

function writeNewDevnet(dir: string, request: DevnetFolderRequest, ports: NodePorts[]): Devnet {
  const seed = randomBytes(32);
  const settings = {
    version: 1,
    seed: seed.toString('hex'),
    createdAt: new Date().toISOString(),
    ...(request.ports === 'free' ? { ports } : {}),
  };
  writeFileSync(join(dir, 'devnet.json'), `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  const fundedMembers = request.onCreate?.(dir).fundedMembers ?? [];
  const devnet = devnetGenesis({
    producers: request.producers,
    seed,
    genesisTime: BigInt(Date.now()),
    endpoint: (i) => p2pUrl(ports[i]!.p2p),
    parameters: { blockIntervalMs: request.blockTimeMs },
    ...(fundedMembers.length > 0 ? { fundedMembers } : {}),
  });
  devnet.producerKeys.forEach((k, i) => {
    writeKeyFile(consensusKeyFile(dir, i), {
      kind: 'consensus',
      secretKey: k.consensusSecretKey,
      publicKey: k.consensusPublicKey,
      label: `devnet node${i} consensus`,
    });
    writeKeyFile(accountKeyFile(dir, i), {
      kind: 'account',
      secretKey: k.accountSecretKey,
      publicKey: k.accountPublicKey,
      label: `devnet producer ${i}`,
    });
  });
  devnet.memberKeys.forEach((k, i) => {
    writeKeyFile(memberKeyFile(dir, i), {
      kind: 'account',
      secretKey: k.accountSecretKey,
      publicKey: k.accountPublicKey,
      label: `devnet member ${i}`,
    });
  });
  writeFileSync(join(dir, 'genesis.json'), genesisToJson(devnet.doc));
  return devnet;
}

async function resume(request: DevnetFolderRequest): Promise<DevnetFolder> {
  const { dir } = request;
  const doc = readGenesis(join(dir, 'genesis.json'));
  const candidateKeys = new Set(doc.candidates.map((c) => bytesToHex(c.consensusKey)));
  const consensusKeys = doc.initialProducers.map((_, i) => {
    const key = readKeyFile(consensusKeyFile(dir, i), 'consensus');
    if (!candidateKeys.has(bytesToHex(key.publicKey)))
      throw new DevnetError(
        `${consensusKeyFile(dir, i)} is not the key of a producer in ${join(dir, 'genesis.json')}.`,
      );
    return key.secretKey;
  });
  const accounts: DevnetFolder['accounts'] = [];
  for (let k = 0; existsSync(memberKeyFile(dir, k)); k++) {
    const file = memberKeyFile(dir, k);
    accounts.push({ address: addressFromPublicKey(doc.addressPrefix, readKeyFile(file, 'account').publicKey), file });
  }
  const ports =
    request.ports === 'free'
      ? await rememberedPorts(dir, doc)
      : basePorts(request.ports.basePort, consensusKeys.length);
  return { dir, doc, genesisHash: bytesToHex(genesisHash(doc)), consensusKeys, ports, created: false, accounts };
}

/** The ports in devnet.json, or (a folder made with a base port) the P2P ports of genesis; RPC ports taken meanwhile become any free port. */
async function rememberedPorts(dir: string, doc: GenesisDoc): Promise<NodePorts[]> {
  const file = join(dir, 'devnet.json');
  let remembered: NodePorts[] | undefined;
  try {
    remembered = settingsSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).ports;
  } catch (error) {
    throw new DevnetError(
      `${file} cannot be read (${(error as Error).message}); restore it or remove the folder to start a new devnet.`,
    );
  }
  const ports =
    remembered ??
    doc.initialProducers.map((_, i) => ({
      p2p: Number(new URL(doc.candidates[i]?.endpoint ?? 'ws://127.0.0.1:0').port),
      rpc: 0,
    }));
  return Promise.all(
    ports.map(async (p) => ({ p2p: p.p2p, rpc: p.rpc !== 0 && (await portIsFree(p.rpc)) ? p.rpc : 0 })),
  );
}

function readGenesis(file: string): GenesisDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DevnetError(
      `Cannot read genesis file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const parsed = parseGenesis(text);
  if (!parsed.ok) throw new DevnetError(`${file} is not a valid genesis: ${parsed.problems.join('; ')}`);
  return parsed.doc;
}

const pairs = (ports: number[]): NodePorts[] =>
  Array.from({ length: ports.length / 2 }, (_, i) => ({ p2p: ports[2 * i]!, rpc: ports[2 * i + 1]! }));
