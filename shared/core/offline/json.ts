/** Strict reading of the small JSON documents of offline signing: exact fields, readable reasons. */
export class ShapeError extends Error {}

export const MAX_DOCUMENT_CHARS = 1024 * 1024;
/** The node takes transactions of at most 64 KiB; the hex is twice that. */
export const MAX_TRANSACTION_HEX = 2 * 64 * 1024;

export function parseJson(text: string, what: string): unknown {
  if (typeof text !== 'string' || text.length > MAX_DOCUMENT_CHARS)
    throw new ShapeError(`the ${what} is larger than ${MAX_DOCUMENT_CHARS} characters`);
  try {
    return JSON.parse(text);
  } catch {
    throw new ShapeError(`the ${what} is not JSON (truncated, or the wrong file?)`);
  }
}

/** An object with exactly the required fields and possibly the optional ones. */
export function exactObject(
  value: unknown,
  what: string,
  required: readonly string[],
  optional: readonly string[] = [],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new ShapeError(`the ${what} is not a JSON object`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!required.includes(key) && !optional.includes(key))
      throw new ShapeError(`the ${what} has an unknown field "${key}"`);
  }
  for (const key of required)
    if (!Object.hasOwn(record, key)) throw new ShapeError(`the ${what} has no "${key}" field`);
  return record;
}

export function stringField(record: Record<string, unknown>, key: string, pattern: RegExp, hint: string): string {
  const value = record[key];
  if (typeof value !== 'string' || !pattern.test(value)) throw new ShapeError(`"${key}" ${hint}`);
  return value;
}

export function hexField(record: Record<string, unknown>, key: string, maxChars: number): string {
  const value = stringField(record, key, /^(?:[0-9a-f]{2})+$/, 'must be lowercase hex with an even number of digits');
  if (value.length > maxChars) throw new ShapeError(`"${key}" is longer than ${maxChars} hex digits`);
  return value;
}
