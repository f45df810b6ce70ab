/**
 * The devnet directory: DIR/devnet.json (the random seed every key derives from), DIR/genesis.json,
 * DIR/nodeI/{consensus-key,account-key}.json and DIR/accounts/member-K.json, all secrets mode 0600.
 * genesis.json is written last, so its presence marks a complete devnet that can be resumed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bytesToHex } from '@noble/hashes/utils.js';
import { devnetGenesis, genesisToJson, type GenesisDoc } from '../../shared/core/genesis/index.ts';
import { addressFromPublicKey, encodeAddress } from '../../shared/core/crypto/index.ts';
import { readKeyFile, writeKeyFile } from '../../shared/node/keyfile.ts';
import { P2P_PATH } from '../../chain/p2p/index.ts';
import { CliError } from '../output.ts';
import { readGenesisFile } from './node-config.ts';

export interface DevnetRequest {
  producers: number;
  blockTimeMs: number;
  basePort: number;
}

export interface DevnetDir {
  doc: GenesisDoc;
  /** Consensus secret key of node i. */
  consensusKeys: Uint8Array[];
  created: boolean;
  /** Funded accounts: address and key file. */
  accounts: { address: string; file: string }[];
}

export const nodeDir = (dir: string, i: number) => join(dir, `node${i}`);
export const p2pUrl = (basePort: number, i: number) => `ws://127.0.0.1:${basePort + 2 * i}${P2P_PATH}`;
const consensusKeyFile = (dir: string, i: number) => join(nodeDir(dir, i), 'consensus-key.json');
const accountKeyFile = (dir: string, i: number) => join(nodeDir(dir, i), 'account-key.json');
const memberKeyFile = (dir: string, k: number) => join(dir, 'accounts', `member-${k}.json`);

export function openDevnetDir(dir: string, request: DevnetRequest): DevnetDir {
  if (!existsSync(join(dir, 'genesis.json'))) return create(dir, request);
  const devnet = resume(dir);
  checkPorts(request.basePort, devnet.consensusKeys.length);
  return devnet;
}

function checkPorts(basePort: number, nodes: number): void {
  if (basePort + 2 * nodes - 1 > 65535) throw new CliError(`--base-port ${basePort} leaves no room for ${nodes} nodes (2 ports each); use at most ${65535 - 2 * nodes + 1}.`);
}

function create(dir: string, request: DevnetRequest): DevnetDir {
  checkPorts(request.basePort, request.producers);
  // A half-written devnet or an unrelated folder: refuse rather than mix files into it.
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new CliError(`${dir} is not empty but holds no devnet (no genesis.json); choose another --dir or empty it.`);
  }
  const seed = randomBytes(32);
  const devnet = devnetGenesis({
    producers: request.producers,
    seed,
    genesisTime: BigInt(Date.now()),
    endpoint: (i) => p2pUrl(request.basePort, i),
    parameters: { blockIntervalMs: request.blockTimeMs },
  });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'devnet.json'), `${JSON.stringify({ version: 1, seed: seed.toString('hex'), createdAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
  devnet.producerKeys.forEach((k, i) => {
    writeKeyFile(consensusKeyFile(dir, i), { kind: 'consensus', secretKey: k.consensusSecretKey, publicKey: k.consensusPublicKey, label: `devnet node${i} consensus` });
    writeKeyFile(accountKeyFile(dir, i), { kind: 'account', secretKey: k.accountSecretKey, publicKey: k.accountPublicKey, label: `devnet producer ${i}` });
  });
  devnet.memberKeys.forEach((k, i) => {
    writeKeyFile(memberKeyFile(dir, i), { kind: 'account', secretKey: k.accountSecretKey, publicKey: k.accountPublicKey, label: `devnet member ${i}` });
  });
  writeFileSync(join(dir, 'genesis.json'), genesisToJson(devnet.doc));
  return {
    doc: devnet.doc,
    consensusKeys: devnet.producerKeys.map((k) => k.consensusSecretKey),
    created: true,
    accounts: devnet.memberKeys.map((k, i) => ({ address: encodeAddress(devnet.doc.addressPrefix, k.address), file: memberKeyFile(dir, i) })),
  };
}

function resume(dir: string): DevnetDir {
  const { doc } = readGenesisFile(join(dir, 'genesis.json'));
  const candidateKeys = new Set(doc.candidates.map((c) => bytesToHex(c.consensusKey)));
  const consensusKeys = doc.initialProducers.map((_, i) => {
    const key = readKeyFile(consensusKeyFile(dir, i), 'consensus');
    if (!candidateKeys.has(bytesToHex(key.publicKey))) throw new CliError(`${consensusKeyFile(dir, i)} is not the key of a producer in ${join(dir, 'genesis.json')}.`);
    return key.secretKey;
  });
  const accounts: DevnetDir['accounts'] = [];
  for (let k = 0; existsSync(memberKeyFile(dir, k)); k++) {
    const file = memberKeyFile(dir, k);
    accounts.push({ address: addressFromPublicKey(doc.addressPrefix, readKeyFile(file, 'account').publicKey), file });
  }
  return { doc, consensusKeys, created: false, accounts };
}
