/**
 * Polls until `probe` gives a value (anything but undefined) and returns it. Timeouts here are generous because test
 * machines are slow, not because speed matters: speed is measured in bench/, never asserted.
 */
export async function until<T>(
  what: string | (() => string),
  probe: () => T | undefined | Promise<T | undefined>,
  { timeoutMs = 30_000, everyMs = 100 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Polls until `condition` holds (a condition that throws counts as not yet). */
export async function untilTrue(
  what: string | (() => string),
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; everyMs?: number } = {},
): Promise<void> {
  const holds = async () =>
    (await Promise.resolve()
      .then(condition)
      .catch(() => false))
      ? true
      : undefined;
  await until(what, holds, options);
}
