/** The light node's SQLite file (schema.ts): verified headers, hand-offs, trust and endpoint state. */
import { sha256 } from '../../../shared/core/crypto/index.ts';
import { equalBytes, type Codec } from '../../../shared/core/encoding/index.ts';
import type { TrustedBlock } from '../../../shared/core/light/index.ts';
import {
  blockHeaderCodec,
  commitCertificateCodec,
  validatorSetCodec,
  type BlockHeader,
  type CommitCertificate,
  type Hash,
  type ValidatorSet,
} from '../../../shared/core/types/index.ts';
import { openDatabase, type Db } from '../../../shared/node/db.ts';
import { preparePrivateDatabase } from '../paths.ts';
import { LightNodeError } from './errors.ts';
import { migrations } from './schema.ts';

export interface TrustRoot {
  readonly height: bigint;
  readonly round: bigint;
  /** True when trust starts from the genesis document (no age limit applies to it). */
  readonly isGenesis: boolean;
  readonly validatorSet: ValidatorSet;
  readonly nextValidatorSet: ValidatorSet | null;
}

export interface NetworkRecord {
  readonly chainId: string;
  readonly genesisDocHash: Hash | null;
  readonly root: TrustRoot;
}

export interface StoredHeader {
  readonly header: BlockHeader;
  readonly hash: Hash;
  readonly certificate: CommitCertificate | null;
  readonly source: string | null;
}

export interface StoredHandOff {
  readonly round: bigint;
  readonly height: bigint;
  readonly nextValidatorSet: ValidatorSet;
}

/** A round whose set was learned by skipping to its header at `height` (that header names the set). */
export interface StoredSkip {
  readonly round: bigint;
  readonly height: bigint;
  readonly validatorSet: ValidatorSet;
}

/** What a step teaches about the rounds' sets: a followed hand-off, or a skip into a round. */
export interface RoundLesson {
  readonly handOff?: StoredHandOff;
  readonly skip?: StoredSkip;
}

export interface EndpointRecord {
  readonly url: string;
  readonly trusted: boolean;
  readonly reason: string | null;
  readonly lastSeenHeight: bigint;
}

/** A newly trusted header and everything that changes with it, written together. */
export interface AcceptedStep extends RoundLesson {
  readonly trusted: TrustedBlock;
  readonly certificate: CommitCertificate;
  readonly source: string;
}

/** A header verified while learning an earlier round's set: it does not change trust. */
export interface LearnedStep extends RoundLesson {
  readonly header: BlockHeader;
  readonly certificate: CommitCertificate;
  readonly source: string;
}

type Row = Record<string, unknown>;

export class LightStore {
  private isClosed = false;

  private constructor(
    private readonly database: Db,
    private readonly file: string,
  ) {}

  /** Work still in flight when the light node closes must not reach a closed file. */
  private get db(): Db {
    if (this.isClosed) throw new LightNodeError('The light node has been closed');
    return this.database;
  }

  get closed(): boolean {
    return this.isClosed;
  }

  static open(file: string): LightStore {
    preparePrivateDatabase(file);
    const db = openDatabase(file, migrations);
    db.defaultSafeIntegers(true); // heights are u64: read them as bigint
    return new LightStore(db, file);
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.database.close();
  }

  network(): NetworkRecord | undefined {
    const row = this.db.prepare('SELECT * FROM network').get() as Row | undefined;
    if (!row) return undefined;
    return {
      chainId: row.chain_id as string,
      genesisDocHash: this.optionalBytes(row.genesis_doc_hash),
      root: {
        height: row.root_height as bigint,
        round: row.root_round as bigint,
        isGenesis: row.root_is_genesis === 1n,
        validatorSet: this.decode(validatorSetCodec, row.root_set, 'trusted validator set'),
        nextValidatorSet: row.root_next_set
          ? this.decode(validatorSetCodec, row.root_next_set, 'trusted validator set')
          : null,
      },
    };
  }

  /** A fresh file: the network, its trust root (whose header is also the first trusted header). */
  begin(network: NetworkRecord, rootHeader: BlockHeader): void {
    const { root } = network;
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO network VALUES (1, ?, ?, ?, ?, ?, ?, ?)')
        .run(
          network.chainId,
          network.genesisDocHash,
          root.height,
          root.round,
          root.isGenesis ? 1 : 0,
          encodeSet(root.validatorSet),
          encodeSetOrNull(root.nextValidatorSet),
        );
      this.putHeader(rootHeader, null, null);
      this.putTrust({
        header: rootHeader,
        validatorSet: root.validatorSet,
        ...(root.nextValidatorSet ? { nextValidatorSet: root.nextValidatorSet } : {}),
      });
    })();
  }

  /** Forgets the chain (not the endpoints' trust): for starting over from the configured root. */
  forgetChain(): void {
    this.db.exec(
      'DELETE FROM network; DELETE FROM headers; DELETE FROM hand_offs; DELETE FROM skips; DELETE FROM trust;',
    );
  }

  header(height: bigint): StoredHeader | undefined {
    const row = this.db.prepare('SELECT * FROM headers WHERE height = ?').get(height) as Row | undefined;
    if (!row) return undefined;
    const bytes = this.bytes(row.header);
    const hash = this.bytes(row.hash);
    if (!equalBytes(sha256(bytes), hash)) this.damaged(`the stored header ${height} does not match its hash`);
    return {
      header: this.decode(blockHeaderCodec, bytes, `header ${height}`),
      hash,
      certificate: row.certificate
        ? this.decode(commitCertificateCodec, row.certificate, `certificate ${height}`)
        : null,
      source: (row.source as string | null) ?? null,
    };
  }

  trusted(): TrustedBlock | undefined {
    const row = this.db.prepare('SELECT * FROM trust').get() as Row | undefined;
    if (!row) return undefined;
    const stored = this.header(row.height as bigint);
    if (!stored) this.damaged(`the trusted header ${row.height} is missing`);
    const validatorSet = this.decode(validatorSetCodec, row.validator_set, 'trusted validator set');
    const next = row.next_set
      ? { nextValidatorSet: this.decode(validatorSetCodec, row.next_set, 'trusted validator set') }
      : {};
    return { header: stored.header, validatorSet, ...next };
  }

  accept(step: AcceptedStep): void {
    this.db.transaction(() => {
      this.putHeader(step.trusted.header, step.certificate, step.source);
      this.putTrust(step.trusted);
      this.putLesson(step);
    })();
  }

  /** A header of an earlier round and what it taught about that round's set. */
  learn(step: LearnedStep): void {
    this.db.transaction(() => {
      this.putHeader(step.header, step.certificate, step.source);
      this.putLesson(step);
    })();
  }

  /** An older header verified on demand (for a proof at its height); it does not change trust. */
  keepHeader(header: BlockHeader, certificate: CommitCertificate, source: string): void {
    this.putHeader(header, certificate, source);
  }

  handOffs(): StoredHandOff[] {
    const rows = this.db.prepare('SELECT * FROM hand_offs ORDER BY round').all() as Row[];
    return rows.map((r) => ({
      round: r.round as bigint,
      height: r.height as bigint,
      nextValidatorSet: this.decode(validatorSetCodec, r.next_set, `set after round ${r.round}`),
    }));
  }

  skips(): StoredSkip[] {
    const rows = this.db.prepare('SELECT * FROM skips ORDER BY round').all() as Row[];
    return rows.map((r) => ({
      round: r.round as bigint,
      height: r.height as bigint,
      validatorSet: this.decode(validatorSetCodec, r.validator_set, `set of round ${r.round}`),
    }));
  }

  /** Drops followed headers below `belowHeight`, except hand-off, skip and root headers: the chain of trust stays. */
  prune(belowHeight: bigint): void {
    this.db
      .prepare(
        `DELETE FROM headers WHERE height < ? AND height NOT IN (SELECT height FROM hand_offs) AND height NOT IN (SELECT height FROM skips)
         AND height <> (SELECT root_height FROM network) AND height <> (SELECT height FROM trust)`,
      )
      .run(belowHeight);
  }

  endpoints(): EndpointRecord[] {
    const rows = this.db.prepare('SELECT * FROM endpoints').all() as Row[];
    return rows.map((r) => ({
      url: r.url as string,
      trusted: r.trusted === 1n,
      reason: (r.reason as string | null) ?? null,
      lastSeenHeight: r.last_seen_height as bigint,
    }));
  }

  saveEndpoint(record: EndpointRecord): void {
    if (this.isClosed) return; // a late status update has nowhere to go, and nothing depends on it
    this.db
      .prepare('INSERT OR REPLACE INTO endpoints (url, trusted, reason, last_seen_height) VALUES (?, ?, ?, ?)')
      .run(record.url, record.trusted ? 1 : 0, record.reason, record.lastSeenHeight);
  }

  private putHeader(header: BlockHeader, certificate: CommitCertificate | null, source: string | null): void {
    const bytes = blockHeaderCodec.encode(header);
    this.db
      .prepare('INSERT OR REPLACE INTO headers VALUES (?, ?, ?, ?, ?, ?)')
      .run(
        header.height,
        sha256(bytes),
        header.dposRound,
        bytes,
        certificate ? commitCertificateCodec.encode(certificate) : null,
        source,
      );
  }

  private putLesson({ handOff, skip }: RoundLesson): void {
    if (handOff)
      this.db
        .prepare('INSERT OR REPLACE INTO hand_offs VALUES (?, ?, ?)')
        .run(handOff.round, handOff.height, encodeSet(handOff.nextValidatorSet));
    if (skip)
      this.db
        .prepare('INSERT OR REPLACE INTO skips VALUES (?, ?, ?)')
        .run(skip.round, skip.height, encodeSet(skip.validatorSet));
  }

  private putTrust(trusted: TrustedBlock): void {
    this.db
      .prepare('INSERT OR REPLACE INTO trust VALUES (1, ?, ?, ?)')
      .run(trusted.header.height, encodeSet(trusted.validatorSet), encodeSetOrNull(trusted.nextValidatorSet ?? null));
  }

  private bytes(value: unknown): Uint8Array {
    if (!(value instanceof Uint8Array)) this.damaged('a stored value is not bytes');
    return new Uint8Array(value);
  }

  private optionalBytes(value: unknown): Uint8Array | null {
    return value === null || value === undefined ? null : this.bytes(value);
  }

  private decode<T>(codec: Codec<T>, value: unknown, what: string): T {
    const decoded = codec.decode(this.bytes(value));
    if (!decoded.ok) this.damaged(`the stored ${what} does not decode (${decoded.error.reason})`);
    return decoded.value;
  }

  private damaged(detail: string): never {
    throw new LightNodeError(
      `The light node's data file ${this.file} is damaged: ${detail}. Delete it to verify the chain again from the start`,
    );
  }
}

function encodeSet(set: ValidatorSet): Uint8Array {
  return validatorSetCodec.encode(set);
}

function encodeSetOrNull(set: ValidatorSet | null): Uint8Array | null {
  return set ? encodeSet(set) : null;
}
