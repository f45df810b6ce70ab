/** A devnet folder or its nodes could not be used; the message says what to do. Callers (CLI, desktop) may wrap it. */
export class DevnetError extends Error {
  override name = 'DevnetError';
}
