import { join } from 'node:path';
import type { Command } from 'commander';
import { MAX_VALIDATORS } from '../../shared/core/types/index.ts';
import {
  describeStop,
  highestHeight,
  nodeDir,
  nodeLogger,
  openDevnetFolder,
  startFolderNodes,
} from '../../chain/devnet/index.ts';
import type { Output } from '../output.ts';
import { installLastResort } from '../../shared/node/last-resort.ts';
import { asCliErrors, commitFields, commitLine, eventLines, stopSignal } from '../lib/foreground.ts';
import { LOG_LEVELS } from '../lib/node-config.ts';
import { integerOption, logLevelOption } from '../lib/options.ts';

interface DevnetOptions {
  producers: string;
  blockTime: string;
  dir: string;
  basePort: string;
  logLevel: string;
}

export function registerDevnet(program: Command, output: () => Output): void {
  program
    .command('devnet')
    .description(
      'run a local development network: N producer nodes on 127.0.0.1 in this process, until Ctrl-C (run again to resume)',
    )
    .option('--producers <n>', 'producer nodes (first run only; a resumed devnet keeps its own)', '4')
    .option('--block-time <ms>', 'block interval in milliseconds (first run only)', '1000')
    .option('--dir <dir>', 'folder for the genesis, keys, chain data and logs', './devnet')
    .option(
      '--base-port <port>',
      'node i listens for P2P on base+2i and for RPC on base+2i+1 (node 0: 26656 and 26657)',
      '26656',
    )
    .option('--log-level <level>', `node log level, logs go to DIR/nodeI/node.log (${LOG_LEVELS.join(', ')})`, 'info')
    .action(async (options: DevnetOptions, command: Command) => {
      const request = {
        producers: integerOption('--producers', options.producers, 1, MAX_VALIDATORS),
        blockTimeMs: integerOption('--block-time', options.blockTime, 100, 600_000),
        basePort: integerOption('--base-port', options.basePort, 1024, 65535),
      };
      const logLevel = logLevelOption(options.logLevel);
      await runDevnet(
        options.dir,
        request,
        logLevel,
        output().json,
        (name) => command.getOptionValueSource(name) === 'cli',
      );
    });
}

async function runDevnet(
  dir: string,
  request: { producers: number; blockTimeMs: number; basePort: number },
  logLevel: string,
  json: boolean,
  given: (option: string) => boolean,
) {
  const emit = eventLines(json);
  // Listening before the first node starts, so an early Ctrl-C still stops cleanly.
  const stopping = stopSignal();
  // As for `node start`: a fault nothing caught stops the devnet's nodes (see docs/SECURITY.md).
  installLastResort({ processName: 'consortia devnet', policy: 'exit' });
  const devnet = await asCliErrors(() =>
    openDevnetFolder({
      dir,
      producers: request.producers,
      blockTimeMs: request.blockTimeMs,
      ports: { basePort: request.basePort },
    }),
  );
  const { doc } = devnet;
  const n = devnet.consensusKeys.length;
  if (!devnet.created && given('producers') && request.producers !== n) {
    emit(
      'note',
      { message: `resuming a ${n}-producer devnet; --producers ${request.producers} ignored` },
      `Note: ${dir} holds a ${n}-producer devnet; ignoring --producers ${request.producers}.`,
    );
  }
  if (!devnet.created && given('blockTime') && request.blockTimeMs !== doc.parameters.blockIntervalMs) {
    emit(
      'note',
      { message: `block time is fixed by genesis at ${doc.parameters.blockIntervalMs} ms; --block-time ignored` },
      `Note: the block time is fixed by genesis at ${doc.parameters.blockIntervalMs} ms; ignoring --block-time ${request.blockTimeMs}.`,
    );
  }
  const summary = {
    dir,
    created: devnet.created,
    chainId: doc.chainId,
    genesisHash: devnet.genesisHash,
    producers: n,
    blockTimeMs: doc.parameters.blockIntervalMs,
  };
  emit(
    'devnet',
    summary,
    `${devnet.created ? 'Created' : 'Resuming'} devnet ${doc.chainId} in ${dir}: ${n} producers, ${summary.blockTimeMs} ms blocks, genesis ${summary.genesisHash.slice(0, 16)}…`,
  );

  const running = await asCliErrors(() =>
    startFolderNodes(devnet, { logger: (_, dataDir) => nodeLogger(logLevel, join(dataDir, 'node.log')) }),
  );
  const { nodes } = running;
  nodes.forEach((node, i) => {
    const fields = {
      node: i,
      rpc: node.rpc.url,
      ws: node.rpc.wsUrl,
      p2p: node.p2p.url,
      height: node.chain.height(),
      log: join(nodeDir(dir, i), 'node.log'),
    };
    emit('node', fields, `node${i}  rpc ${fields.rpc}  p2p ${fields.p2p}  height ${fields.height}  log ${fields.log}`);
  });
  for (const account of devnet.accounts)
    emit('account', account, `funded account ${account.address}  key ${account.file}`);
  if (!json)
    process.stdout.write(
      `Producers' account keys: ${join(dir, 'nodeI', 'account-key.json')}. Ctrl-C stops all nodes.\n`,
    );

  // Every node commits every height; one line per height is enough.
  let shown = highestHeight(nodes);
  for (const node of nodes) {
    node.events.on('commit', (info) => {
      if (info.height <= shown) return;
      shown = info.height;
      const fields = commitFields(info, node);
      emit('commit', fields, commitLine(fields));
    });
  }

  const signal = await stopping;
  if (!json)
    process.stdout.write(
      `${signal}: stopping ${n} nodes (a block being decided is finished, no new one started; again to force)\n`,
    );
  const startedStop = Date.now();
  const report = await asCliErrors(() => running.stop());
  const { height, heights, midHeight, clean } = report;
  emit(
    'stopped',
    { signal, height, heights, midHeight, clean, stopMs: Date.now() - startedStop },
    `${describeStop(report)} Run the same command again to resume.`,
  );
  // Everything is closed and said: leave now rather than wait for idle handles (sockets' lingering timers, the worker pool) to wind down.
  process.exit(0);
}
