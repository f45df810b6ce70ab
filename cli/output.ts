/** Every command prints either human text or, with --json, one JSON document; errors go to stderr with exit 1. */
export interface Output {
  json: boolean;
  result(value: unknown, human: () => string): void;
  progress(line: string): void;
}

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** Fields that `--json` prints beside `error`, for scripts (e.g. a node's refusal `{code, reason}`). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function makeOutput(json: boolean): Output {
  return {
    json,
    result(value, human) {
      process.stdout.write(json ? `${JSON.stringify(value, jsonReplacer, 2)}\n` : `${human()}\n`);
    },
    progress(line) {
      // Progress never pollutes stdout, so `--json` output stays parseable.
      if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}`);
      else process.stderr.write(`${line}\n`);
    },
  };
}

/** bigint as decimal strings, bytes as hex: what scripts expect from --json. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  return value;
}
