/**
 * The last line of defence of a long-running process: an exception no code caught, or a rejected promise no
 * code awaited. Known remote inputs are caught where they arrive (tests in test/chain/security and
 * test/foundation); this handler is for the ones nobody has found yet. It always reports loudly, with where the
 * fault came from; what happens next is the process's choice, documented in docs/SECURITY.md:
 * - `exit`: the node. Its state after an unknown fault cannot be trusted, a BFT validator that stops is safe
 *   (consensus goes on without it), and on restart it reloads from SQLite and its signing guard.
 * - `keep-running`: the desktop hosts. A person is using them; their state lives in SQLite transactions and the
 *   vault, so one failed request does not justify closing the window or losing what the person was typing.
 */
export type LastResortPolicy = 'exit' | 'keep-running';

export interface LastResortOptions {
  /** Names the process in the report, e.g. "consortia node". */
  processName: string;
  policy: LastResortPolicy;
  /** Extra sink (a node's log file); the report also always goes to stderr. */
  report?: (message: string, error: unknown) => void;
  /** Exit code under the `exit` policy (70: EX_SOFTWARE, an internal software error). */
  exitCode?: number;
}

export type FaultOrigin = 'uncaughtException' | 'unhandledRejection';

/** Installs the handlers on `target` (the process; a stand-in only in tests); returns a function that removes them. */
export function installLastResort(options: LastResortOptions, target: NodeJS.Process = process): () => void {
  const handle = (origin: FaultOrigin, error: unknown) => {
    const what =
      origin === 'unhandledRejection' ? 'a promise rejection nothing handled' : 'an exception nothing caught';
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const action = options.policy === 'exit' ? 'exiting' : 'still running';
    const message = `${options.processName}: FATAL FAULT (${origin}): ${what}; ${action}. Please report this with the log.\n${detail}`;
    try {
      target.stderr.write(`${message}\n`);
      options.report?.(message, error);
    } finally {
      if (options.policy === 'exit') target.exit(options.exitCode ?? 70);
    }
  };
  const onException = (error: unknown, origin: string) =>
    handle(origin === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException', error);
  const onRejection = (reason: unknown) => handle('unhandledRejection', reason);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
}
