import type { Migration } from '../../../shared/node/db.ts';

/*
 * The light node's data file. Everything in it was verified before it was written; it is decoded
 * and re-hashed when read, so a damaged file is noticed rather than believed.
 * - network: which chain this file belongs to, and the root trust started from (genesis or a
 *   checkpoint) with the set(s) it supplies.
 * - headers: verified headers (canonical BlockHeader bytes, whose sha256 is `hash`) with the
 *   certificate that made each final (null for the root) and the endpoint that served it.
 * - hand_offs: for each followed round, its last height and the set it announced for the next round;
 *   with the root this gives the set of every round since the root, for checking older headers.
 * - skips: rounds whose set was learned by skipping to one of their headers (shared/core/light/skip.ts)
 *   rather than from the hand-off before them: the round, that header's height and the set it names.
 * - trust: the newest trusted header and the sets it carries (LightClientState).
 * - endpoints: per-endpoint trust, kept across restarts so a lying server stays distrusted.
 */
export const migrations: readonly Migration[] = [
  (db) =>
    db.exec(`
      CREATE TABLE network (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        chain_id TEXT NOT NULL,
        genesis_doc_hash BLOB,
        root_height INTEGER NOT NULL,
        root_round INTEGER NOT NULL,
        root_is_genesis INTEGER NOT NULL,
        root_set BLOB NOT NULL,
        root_next_set BLOB
      );
      CREATE TABLE headers (
        height INTEGER PRIMARY KEY,
        hash BLOB NOT NULL,
        dpos_round INTEGER NOT NULL,
        header BLOB NOT NULL,
        certificate BLOB,
        source TEXT
      );
      CREATE TABLE hand_offs (
        round INTEGER PRIMARY KEY,
        height INTEGER NOT NULL,
        next_set BLOB NOT NULL
      );
      CREATE TABLE trust (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        height INTEGER NOT NULL,
        validator_set BLOB NOT NULL,
        next_set BLOB
      );
      CREATE TABLE endpoints (
        url TEXT PRIMARY KEY,
        trusted INTEGER NOT NULL,
        reason TEXT,
        last_seen_height INTEGER NOT NULL DEFAULT 0
      );
    `),
  (db) =>
    db.exec(`
      CREATE TABLE skips (
        round INTEGER PRIMARY KEY,
        height INTEGER NOT NULL,
        validator_set BLOB NOT NULL
      );
    `),
];
