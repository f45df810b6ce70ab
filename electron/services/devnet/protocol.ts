/** Messages between the devnet service (main thread) and its worker thread (worker.ts). */

/** The worker's workerData. */
export interface WorkerSettings {
  dir: string;
  /** Producers and block interval of a new devnet; a resumed one keeps its own. */
  producers: number;
  blockTimeMs: number;
  /** pino level of the nodes' logs (DIR/nodeI/node.log). */
  logLevel: string;
  /** The Electron-ABI better-sqlite3 binding the main thread uses, if any. */
  nativeBinding: string | undefined;
}

export type ToWorker = { type: 'stop' };

export type FromWorker =
  | { type: 'started'; created: boolean; genesisJson: string; rpcUrls: string[] }
  | { type: 'stopped'; height: string; clean: boolean }
  | { type: 'failed'; message: string };
