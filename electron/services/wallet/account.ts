/** wallet.account: an account as the wallet shows it, every figure read from state with its proof. */
import { encodeAddress, parseAddress } from '../../../shared/core/crypto/index.ts';
import { memberKey } from '../../../shared/core/state/index.ts';
import { memberCodec } from '../../../shared/core/types/index.ts';
import type { accountView as accountViewSchema } from '../../../shared/contract/schemas/wallet.ts';
import type { z } from 'zod';
import type { LightNode } from '../light/index.ts';
import type { ChainIdentity } from '../network/access.ts';
import { ServiceError } from '../errors.ts';
import { checkedAddress } from './build.ts';
import { currentParameters } from './state.ts';

export async function accountView(
  { light, chain }: { light: LightNode; chain: ChainIdentity },
  address: string,
): Promise<z.output<typeof accountViewSchema>> {
  const parsed = parseAddress(chain.addressPrefix, checkedAddress(chain.addressPrefix, address));
  if (!parsed.ok) throw new ServiceError('VALIDATION', parsed.reason);
  const [proven, member, params] = await Promise.all([
    light.account(address),
    light.record(memberKey(parsed.value), memberCodec),
    currentParameters(light, chain.genesis),
  ]);
  const account = proven.value;
  const head = light.verifiedHead();
  const { blockIntervalMs } = params;
  const allocations = await Promise.all(
    (account?.votes ?? []).map(async (v) => {
      const candidate = encodeAddress(chain.addressPrefix, v.candidate);
      const name = (await light.candidate(candidate)).value?.name;
      return { candidate, amount: v.amount.toString(), ...(name ? { name } : {}) };
    }),
  );
  const unbonding = account?.unbonding ?? [];
  // A withdraw is applied in the next block, so what has matured by then is withdrawable now.
  const matured = unbonding.filter((u) => u.releaseHeight <= proven.height + 1n);
  return {
    address,
    liquid: (account?.balance ?? 0n).toString(),
    staked: (account?.staked ?? 0n).toString(),
    allocated: (account?.votes ?? []).reduce((sum, v) => sum + v.amount, 0n).toString(),
    unbonding: unbonding.map((u) => ({
      amount: u.amount.toString(),
      releaseHeight: Number(u.releaseHeight),
      releaseAt: Number(head.timestamp) + Number(u.releaseHeight - head.height) * blockIntervalMs,
    })),
    withdrawable: matured.reduce((sum, u) => sum + u.amount, 0n).toString(),
    allocations,
    nonce: Number(account?.nonce ?? 0n),
    isMember: member.value !== null,
    exists: account !== null,
    verifiedAt: { height: Number(proven.height), blockHash: proven.blockHash },
    minFee: params.minFee.toString(),
    blockIntervalMs,
  };
}
