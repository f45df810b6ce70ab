/** A long address shortened for lists; the full one stays in the title and for screen readers. */
export function shortAddress(address: string): string {
  return address.length <= 20 ? address : `${address.slice(0, 10)}…${address.slice(-6)}`;
}
