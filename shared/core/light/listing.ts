/**
 * Complete listings. A proof shows one record; it cannot show that a listing leaves nothing out.
 * Where the state keeps an index record of a whole set (the member list 0x03, the live-candidate
 * list 0x08, the open-proposal list 0x0b), that record's proof covers the set, and an endpoint's
 * listing of it is checked against the proven set: an entry hidden or made up is refused.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { ACCEPT, reject, showHash, type Verdict } from './verdict.ts';

/**
 * `listed` (from an endpoint) against `proven` (the set in a proven index record): every proven
 * entry must be listed, and nothing listed may be missing from the proven set. `what` names the
 * set in the reason ("open proposals").
 */
export function verifyCompleteListing(
  listed: readonly Uint8Array[],
  proven: readonly Uint8Array[],
  what: string,
): Verdict {
  const listedHex = new Set(listed.map((id) => bytesToHex(id)));
  const provenHex = new Set(proven.map((id) => bytesToHex(id)));
  const hidden = proven.filter((id) => !listedHex.has(bytesToHex(id)));
  if (hidden.length > 0) {
    return reject(
      `the listing of ${what} leaves out ${count(hidden.length)} the proven list holds (${hidden.slice(0, 3).map(showHash).join(', ')}${hidden.length > 3 ? ', …' : ''})`,
    );
  }
  const extra = listed.filter((id) => !provenHex.has(bytesToHex(id)));
  if (extra.length > 0) {
    return reject(
      `the listing of ${what} names ${count(extra.length)} the proven list does not hold (${extra.slice(0, 3).map(showHash).join(', ')}${extra.length > 3 ? ', …' : ''})`,
    );
  }
  return ACCEPT;
}

const count = (n: number): string => (n === 1 ? 'one entry' : `${n} entries`);
