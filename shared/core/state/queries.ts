/**
 * Read-only questions about a state, for block producers, verifiers and light clients.
 *
 * Which set certifies what: the round record's first entry is the round of the next height, so
 * `nextValidatorSetHash(s)` is both the validatorSetHash of the block built on state s, and the
 * nextValidatorSetHash of the header whose post-state is s (it differs from that header's own
 * set exactly at a round's last height: the hand-off).
 */
import { producerAt, scheduleForRound } from '../dpos/index.ts';
import { validatorSetHash, type Address, type ChainParameters, type Hash, type ValidatorSet } from '../types/index.ts';
import type { StateReader } from './overlay.ts';
import { roundTableOf, type RoundEntry, type RoundRecord } from './records.ts';
import { StateView } from './view.ts';

export function currentParams(reader: StateReader): ChainParameters {
  return StateView.over(reader).params();
}

export function roundRecord(reader: StateReader): RoundRecord {
  return StateView.over(reader).rounds();
}

/** Height of the last block applied to this state (0 at genesis). */
export function stateHeight(reader: StateReader): bigint {
  return roundRecord(reader).height;
}

/** The rounds the state knows (the next height's round and the one after), or undefined. */
export function roundEntry(reader: StateReader, round: bigint): RoundEntry | undefined {
  return roundRecord(reader).rounds.find((e) => e.round === round);
}

export function validatorSetForRound(reader: StateReader, round: bigint): ValidatorSet | undefined {
  return roundEntry(reader, round)?.validators;
}

/** The round entry covering `height`, if the state still (or already) knows it. */
export function roundEntryAtHeight(reader: StateReader, height: bigint): RoundEntry | undefined {
  const record = roundRecord(reader);
  const table = roundTableOf(record);
  const i = table.findIndex(
    (s) => height >= s.startHeight && height < s.startHeight + BigInt(s.setSize * s.blocksPerTurn),
  );
  return i === -1 ? undefined : record.rounds[i];
}

/** See the module comment: the set of the height after this state's height. */
export function nextValidatorSetHash(reader: StateReader): Hash {
  return validatorSetHash(roundRecord(reader).rounds[0]!.validators); // never empty (codec rule)
}

/**
 * Height whose header hash seeds the turn order of `round`: the round's start − 1, i.e. the last
 * block of the previous round (the genesis header, height 0, for round 0). The seed is not
 * state (a header commits to the state after it), so callers take that hash from their store.
 */
export function seedHeightOfRound(reader: StateReader, round: bigint): bigint | undefined {
  const entry = roundEntry(reader, round);
  return entry === undefined ? undefined : entry.startHeight - 1n;
}

/** The producer the schedule assigns to `height`, given the round's seed (see seedHeightOfRound). */
export function scheduledProducer(reader: StateReader, height: bigint, seed: Uint8Array): Address {
  const entry = roundEntryAtHeight(reader, height);
  if (entry === undefined) throw new RangeError(`height ${height} is outside the rounds this state knows`);
  const schedule = scheduleForRound(
    entry.validators.map((v) => v.address),
    seed,
    entry.blocksPerTurn,
  );
  return producerAt(schedule, Number(height - entry.startHeight));
}
