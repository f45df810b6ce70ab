/**
 * Brings a round view that is still under way up to the verified head. Its schedule was verified when
 * the view was made and does not change within the round, so only the slots reached since need their
 * verified headers: one header per new block, instead of the whole view (every producer's proven name,
 * the round record, the parameters) again on every head.
 */
import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import type { LightNode } from '../light/index.ts';
import type { RoundView } from '../network/round.ts';

export async function advanceRound(
  light: LightNode,
  prefix: string,
  view: RoundView,
  intervalMs: () => number,
): Promise<RoundView> {
  const head = light.verifiedHead();
  const verified = Number(head.height);
  const slots: RoundView['slots'] = [];
  for (const slot of view.slots) {
    if (slot.status === 'produced' || slot.status === 'missed') {
      slots.push(slot);
    } else if (slot.height <= verified) {
      const { header } = await light.header(BigInt(slot.height));
      const status = encodeAddress(prefix, header.producer) === slot.producer ? 'produced' : 'missed';
      slots.push({ ...slot, status, at: Number(header.timestamp) });
    } else {
      const at = Number(head.timestamp) + (slot.height - verified) * intervalMs();
      slots.push({ ...slot, status: slot.height === verified + 1 ? 'now' : 'upcoming', at });
    }
  }
  return { ...view, slots, verifiedHeight: verified, headHeight: Number(light.announcedHead()) };
}
