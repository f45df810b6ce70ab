import type { Migration } from '../../shared/node/db.ts';

/**
 * The node's block and state store. Blocks are stored only once committed (BFT: a committed block is final),
 * each with the certificate that finalised it. State is a persistent sparse Merkle tree: nodes and values are
 * content-addressed, so proofs against any earlier final root keep working while `state_current` gives fast
 * reads of the newest state.
 */
export const chainMigrations: Migration[] = [
  (db) =>
    db.exec(`
      CREATE TABLE blocks (
        height INTEGER PRIMARY KEY,
        hash BLOB NOT NULL UNIQUE,
        dpos_round INTEGER NOT NULL,
        header BLOB NOT NULL,      -- signed header, canonical encoding
        block BLOB NOT NULL        -- whole block, canonical encoding
      );
      CREATE TABLE certificates (height INTEGER PRIMARY KEY, certificate BLOB NOT NULL);
      CREATE TABLE smt_nodes (hash BLOB PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE state_values (hash BLOB PRIMARY KEY, bytes BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE state_current (key BLOB PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
      CREATE TABLE transactions (id BLOB PRIMARY KEY, height INTEGER NOT NULL, position INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE account_history (
        address BLOB NOT NULL,
        height INTEGER NOT NULL,
        position INTEGER NOT NULL,
        role TEXT NOT NULL,        -- sender, recipient, candidate, reporter, …
        tx_id BLOB NOT NULL,
        PRIMARY KEY (address, height, position, role)
      ) WITHOUT ROWID;
      CREATE TABLE round_sets (round INTEGER PRIMARY KEY, validator_set BLOB NOT NULL);
      CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    `),
];
