/**
 * network.round from verified data only. The round's entry (start height, turn length, set in
 * election order) is read with a proof from the round record (state key 0x12) at the block before
 * the round starts, where it is the next height's round. The turn order is the core's shuffle of
 * that set seeded by the hash of that same block (the previous round's verified hand-off header,
 * or the genesis header for round 0), and each past slot's verified header says who produced it.
 */
import type { z } from 'zod';
import type { roundView } from '../../../shared/contract/schemas/network.ts';
import { encodeAddress } from '../../../shared/core/crypto/index.ts';
import { producerAt, scheduleForRound } from '../../../shared/core/dpos/index.ts';
import { equalBytes } from '../../../shared/core/encoding/index.ts';
import { parametersKey, roundRecordCodec, roundsKey, type RoundEntry } from '../../../shared/core/state/index.ts';
import { chainParametersCodec, type Address } from '../../../shared/core/types/index.ts';
import type { LightNode } from '../light/index.ts';
import { ServiceError } from '../errors.ts';
import { candidateNames } from './names.ts';
import { num } from './status.ts';

export type RoundView = z.infer<typeof roundView>;

export async function verifiedRound(
  light: LightNode,
  prefix: string,
  requested: bigint | undefined,
): Promise<RoundView> {
  const head = light.verifiedHead();
  const round = requested ?? head.round;
  if (round > head.round) {
    throw new ServiceError(
      'NOT_FOUND',
      `Round ${round} has not started yet: the newest verified block (${head.height}) is in round ${head.round}.`,
    );
  }
  const entry = await roundEntry(light, round);
  const seed = Uint8Array.from(Buffer.from((await light.header(entry.startHeight - 1n)).hash, 'hex'));
  const schedule = scheduleForRound(
    entry.validators.map((v) => v.address),
    seed,
    entry.blocksPerTurn,
  );
  const params = (await light.record(parametersKey(), chainParametersCodec)).value;
  const interval = BigInt(params?.blockIntervalMs ?? 0);
  // The set the round's last header announced: from its hand-off (learned now if the light node
  // skipped over it), or the verified set of the round after, once that has begun.
  const announced =
    (await light.handOff(round))?.nextValidatorSet ??
    (round < head.round ? await light.setOfRound(round + 1n) : undefined);
  const nextSet = announced?.map((v) => v.address) ?? [];
  const names = await candidateNames(light, prefix, [...schedule, ...nextSet]);
  const show = (address: Address) => {
    const text = encodeAddress(prefix, address);
    return { address: text, name: names.get(text) ?? '' };
  };

  const slots: RoundView['slots'] = [];
  for (let slot = 0; slot < schedule.length; slot++) {
    const height = entry.startHeight + BigInt(slot);
    const scheduled = producerAt(schedule, slot);
    const { address: producer, name } = show(scheduled);
    if (height <= head.height) {
      const { header } = await light.header(height);
      const status = equalBytes(header.producer, scheduled) ? 'produced' : 'missed';
      slots.push({ height: num(height), producer, name, status, at: num(header.timestamp) });
    } else {
      const at = interval > 0n ? { at: num(head.timestamp + (height - head.height) * interval) } : {};
      slots.push({
        height: num(height),
        producer,
        name,
        status: height === head.height + 1n ? 'now' : 'upcoming',
        ...at,
      });
    }
  }
  return {
    round: num(round),
    firstHeight: num(entry.startHeight),
    lastHeight: num(entry.startHeight + BigInt(schedule.length) - 1n),
    slots,
    ...(nextSet.length > 0 ? { nextSet: nextSet.map(show) } : {}),
    verifiedHeight: num(head.height),
    headHeight: num(light.announcedHead()),
  };
}

/** The round's entry, proven from the round record at the block before the round, or at the trust root or verified head. */
async function roundEntry(light: LightNode, round: bigint): Promise<RoundEntry> {
  const root = light.trustRoot();
  if (round < root.round) {
    throw new ServiceError(
      'NOT_FOUND',
      `Round ${round} comes before block ${root.height}, where this light node's trust starts, so it cannot be shown verified.`,
    );
  }
  // The trust root's state holds its round and the next (genesis gives rounds 0 and 1 both).
  const before = round === root.round ? root.height : (await light.handOff(round - 1n))?.height;
  const at = before ?? (round === root.round + 1n ? root.height : light.verifiedHead().height);
  const record = (await light.recordAt(roundsKey(), roundRecordCodec, at)).value;
  const entry = record?.rounds.find((e) => e.round === round);
  if (!entry)
    throw new ServiceError(
      'NOT_FOUND',
      `Round ${round} cannot be shown: the verified state at block ${at} does not describe it.`,
    );
  return entry;
}
