import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import type { Address } from '../../../shared/core/types/index.ts';
import type { LightNode } from '../light/index.ts';

/** Proven candidate names of `addresses` (bech32m → name); an address without a candidate record gets no entry. */
export async function candidateNames(
  light: LightNode,
  prefix: string,
  addresses: readonly Address[],
): Promise<Map<string, string>> {
  const unique = [...new Set(addresses.map((a) => encodeAddress(prefix, a)))];
  const found = await Promise.all(
    unique.map(async (address) => [address, (await light.candidate(address)).value?.name] as const),
  );
  return new Map(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}
