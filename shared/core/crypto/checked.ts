/** A value, or a reason written for the person who typed the input. */
export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };
