import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { bytesToHex } from '@noble/hashes/utils.js';
import { generateSecretKey, publicKeyFromSecret } from '../../shared/core/crypto/index.ts';
import type { GenesisDoc } from '../../shared/core/genesis/index.ts';
import { readKeyFile, writeKeyFile } from '../../shared/node/keyfile.ts';
import { installLastResort } from '../../shared/node/last-resort.ts';
import { CliError, type Output } from '../output.ts';
import {
  checkNodeConfig,
  configPath,
  inNodeDir,
  LOG_LEVELS,
  readGenesisFile,
  readNodeConfig,
  writeNodeConfig,
} from '../lib/node-config.ts';
import { integerOption, logLevelOption } from '../lib/options.ts';
import { eventLines, nodeLogger, startNode, stopAtBlockBoundary, stopSignal } from '../lib/foreground.ts';
import { describeStop, stopWaitMs } from '../../chain/devnet/index.ts';
import { followNode } from '../lib/node-progress.ts';

interface InitOptions {
  dir: string;
  genesis: string;
  consensusKey?: string;
  p2pHost: string;
  p2pPort: string;
  p2pUrl?: string;
  rpcHost: string;
  rpcPort: string;
  peer: string[];
  observerKey: string[];
  observer?: boolean;
  logLevel: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
/** Which `node init` option sets which config field, for error messages. */
const INIT_OPTIONS: Record<string, string> = {
  'p2p.host': '--p2p-host',
  'p2p.listenUrl': '--p2p-url',
  'p2p.peers': '--peer',
  'p2p.observers': '--observer-key',
  'rpc.host': '--rpc-host',
};

export function registerNode(program: Command, output: () => Output): void {
  const node = program.command('node').description('set up and run a full node or producer');

  node
    .command('init')
    .description('write DIR/config.json for a node of the network described by a genesis file')
    .requiredOption('--dir <dir>', 'the node directory (config, genesis copy, key, data, log)')
    .requiredOption('--genesis <file>', "the network's genesis JSON (copied to DIR/genesis.json)")
    .option('--consensus-key <file>', 'use this consensus key file (default: a new DIR/consensus-key.json)')
    .option('--p2p-host <host>', 'address to listen on for other nodes', '127.0.0.1')
    .option('--p2p-port <port>', 'P2P port (0: any free port)', '26656')
    .option('--p2p-url <url>', 'the wss:// URL other nodes should dial, if not wss://host:port/p2p')
    .option('--rpc-host <host>', 'address to serve JSON-RPC on', '127.0.0.1')
    .option('--rpc-port <port>', 'JSON-RPC port (0: any free port)', '26657')
    .option('--peer <url>', 'a peer to dial, wss://host:port/p2p (repeatable; ws:// is read as wss://)', collect, [])
    .option(
      '--observer-key <hex>',
      'consensus public key of a non-producer node allowed to connect (repeatable)',
      collect,
      [],
    )
    .option('--observer', 'follow and serve only; never sign, even with a producer key')
    .option('--log-level <level>', `log level (${LOG_LEVELS.join(', ')})`, 'info')
    .action((options: InitOptions) => {
      const result = initNode(options);
      output().result(result, () =>
        [
          `Wrote ${result.config}`,
          `  chain: ${result.chainId}  genesis copy: ${result.genesis}`,
          `  consensus key: ${result.consensusKey} (${result.keyCreated ? 'new' : 'existing'}), public key ${result.publicKey}`,
          `  role: ${result.role}`,
          `Start it with: consortia node start --dir ${options.dir}`,
        ].join('\n'),
      );
    });

  node
    .command('start')
    .description('run the node configured in DIR/config.json in the foreground, until Ctrl-C')
    .requiredOption('--dir <dir>', 'the node directory made by `consortia node init`')
    .option('--log-level <level>', `override the configured log level (${LOG_LEVELS.join(', ')})`)
    .action(async (options: { dir: string; logLevel?: string }) => {
      await runNode(
        options.dir,
        options.logLevel === undefined ? undefined : logLevelOption(options.logLevel),
        output(),
      );
    });
}

function initNode(options: InitOptions) {
  const dir = options.dir;
  if (existsSync(configPath(dir)))
    throw new CliError(`${configPath(dir)} already exists; refusing to overwrite a node's config.`);
  const genesis = readGenesisFile(options.genesis);
  const genesisCopy = join(dir, 'genesis.json');
  if (
    existsSync(genesisCopy) &&
    resolve(genesisCopy) !== resolve(options.genesis) &&
    readFileSync(genesisCopy, 'utf8') !== genesis.text
  ) {
    throw new CliError(`${genesisCopy} already exists with a different genesis; refusing to replace it.`);
  }
  const config = checkNodeConfig(
    {
      version: 1,
      genesis: 'genesis.json',
      consensusKey: options.consensusKey ? resolve(options.consensusKey) : 'consensus-key.json',
      dataDir: 'data',
      observer: Boolean(options.observer),
      p2p: {
        host: options.p2pHost,
        port: integerOption('--p2p-port', options.p2pPort, 0, 65535),
        ...(options.p2pUrl ? { listenUrl: options.p2pUrl } : {}),
        peers: options.peer,
        observers: options.observerKey,
      },
      rpc: { host: options.rpcHost, port: integerOption('--rpc-port', options.rpcPort, 0, 65535) },
      log: { level: logLevelOption(options.logLevel), file: 'node.log' },
    },
    INIT_OPTIONS,
  );
  // A given key is checked now, not at first start; an existing DIR/consensus-key.json (from `keys new`) is reused.
  const keyFile = inNodeDir(dir, config.consensusKey);
  const existingKey =
    options.consensusKey || existsSync(keyFile) ? readKeyFile(keyFile, 'consensus').publicKey : undefined;

  mkdirSync(dir, { recursive: true });
  let key = existingKey;
  if (!key) {
    const secretKey = generateSecretKey();
    key = publicKeyFromSecret(secretKey);
    writeKeyFile(keyFile, { kind: 'consensus', secretKey, publicKey: key, label: 'node consensus key' });
  }
  if (!existsSync(genesisCopy)) writeFileSync(genesisCopy, genesis.text);
  // Written last: a config means a complete node directory, and an init that failed before it can simply be re-run.
  writeNodeConfig(dir, config);
  return {
    config: configPath(dir),
    genesis: genesisCopy,
    chainId: genesis.doc.chainId,
    consensusKey: keyFile,
    keyCreated: !existingKey,
    publicKey: bytesToHex(key),
    role: role(genesis.doc, key, config.observer),
  };
}

function role(doc: GenesisDoc, key: Uint8Array, observer: boolean): string {
  const candidate = doc.candidates.find((c) => bytesToHex(c.consensusKey) === bytesToHex(key));
  if (!candidate)
    return 'follower: this key is no candidate, so peers must list it with --observer-key to let it connect';
  return observer
    ? `observer for candidate ${candidate.name} (never signs)`
    : `producer key of candidate ${candidate.name}`;
}

async function runNode(dir: string, logLevel: string | undefined, output: Output) {
  const stopping = stopSignal();
  const config = readNodeConfig(dir);
  const { doc } = readGenesisFile(inNodeDir(dir, config.genesis));
  const key = readKeyFile(inNodeDir(dir, config.consensusKey), 'consensus');
  const logFile = config.log.file === null ? null : inNodeDir(dir, config.log.file);
  const logger = nodeLogger(logLevel ?? config.log.level, logFile);
  // A fault nothing caught stops the node (safe for BFT; it resumes from its store on restart): see docs/SECURITY.md.
  installLastResort({
    processName: 'consortia node',
    policy: 'exit',
    report: (message, error) => logger.fatal({ err: error }, message),
  });
  const node = await startNode(
    {
      dataDir: inNodeDir(dir, config.dataDir),
      genesis: doc,
      consensusSecretKey: key.secretKey,
      p2p: {
        host: config.p2p.host,
        port: config.p2p.port,
        peers: config.p2p.peers,
        observers: config.p2p.observers,
        ...(config.p2p.listenUrl ? { listenUrl: config.p2p.listenUrl } : {}),
      },
      rpc: { host: config.rpc.host, port: config.rpc.port },
      logger,
      observer: config.observer,
    },
    'the node',
  );
  const emit = eventLines(output.json);
  const started = {
    chainId: doc.chainId,
    rpc: node.rpc.url,
    ws: node.rpc.wsUrl,
    p2p: node.p2p.url,
    id: node.p2p.id,
    height: node.chain.height(),
    producer: node.engine.isValidator(),
    log: logFile ?? 'stderr',
  };
  emit(
    'started',
    started,
    [
      `Node of ${doc.chainId} at height ${started.height}${started.producer ? ', producing' : ''}`,
      `  rpc ${started.rpc}  (WebSocket ${started.ws})`,
      `  p2p ${started.p2p}`,
      `  log ${started.log}`,
      'Ctrl-C stops it.',
    ].join('\n'),
  );
  const follow = followNode(node, emit, output);
  const signal = await stopping;
  follow.stop();
  if (!output.json)
    process.stdout.write(
      `${signal}: stopping (a block being decided is finished, no new one started; again to force)\n`,
    );
  const startedStop = Date.now();
  const report = await stopAtBlockBoundary([node], stopWaitMs(doc.parameters.blockIntervalMs));
  const { height, midHeight, clean } = report;
  emit(
    'stopped',
    { signal, height, clean, midHeight: midHeight.length > 0, stopMs: Date.now() - startedStop },
    describeStop(report, () => 'the node'),
  );
  // Everything is closed and said: leave now rather than wait for idle handles (sockets' lingering timers, the worker pool) to wind down.
  process.exit(0);
}
