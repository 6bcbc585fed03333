import {
  type AppendOptions,
  type AppendResult,
  type CurrentRevision,
  type EventHandler,
  EventStore,
  type EventMetadata,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppend,
  type SubscribeOptions,
  type Subscription,
  WrongExpectedRevisionError,
  eventHash,
  pollingSubscription,
  satisfiesExpectedRevision,
} from '@leadledger/event-store';
import { type Clock, type IdSource, randomIds, systemClock } from '@leadledger/kernel';
import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { BackgroundCheckpoints } from './background-checkpoints';
import { GroupCommit } from './group-commit';
import { openSqlite } from './sqlite-connection';
import { createEventStoreSchema } from './sqlite-event-store.schema';

export interface SqliteEventStoreOptions {
  readonly file: string;
  readonly clock?: Clock;
  readonly ids?: IdSource;
  /** How often a live subscription looks for appends made by other processes. */
  readonly pollIntervalMs?: number;
  /** Least time between two reads of a live subscription (see `PollingOptions.minReadGapMs`). */
  readonly liveReadGapMs?: number;
  /** Checkpoint the write-ahead log from a thread of its own (the engine does; see BackgroundCheckpoints). */
  readonly backgroundCheckpoints?: boolean;
  readonly busyTimeoutMs?: number;
}

/**
 * An event's row as read: an array in EVENT_COLUMNS order. Rows come back as arrays and are
 * turned into events here, instead of as objects with named keys: on the 500k log that read the
 * whole log through readAll in 4.2-5.4 s against 5.8-6.5 s (docs/benchmarks.md).
 */
type EventRow = [
  position: bigint,
  eventId: string,
  streamId: string,
  revision: bigint,
  type: string,
  data: string,
  metadata: string,
  hash: string | null,
];

const EVENT_COLUMNS = 'position, event_id, stream_id, revision, type, data, metadata, hash';

interface LastEvent {
  position: bigint;
  hash: string | null;
}

const DEFAULT_BATCH = 1000;
/**
 * Read models and reactors lag by up to this much under load, in exchange for batches of many
 * appends (a GET still sees every write before it: it hurries the reads). At 100-110 leads/s
 * offered the intake's p50 fell from 22-46 ms to 8-9 ms (docs/benchmarks.md): the commands'
 * commits no longer share each turn of the event loop with a read-model transaction per append.
 */
const DEFAULT_LIVE_READ_GAP_MS = 10;
/** The longest a quiet subscription waits between two looks for another process's appends. */
const IDLE_POLL_MS = 500;

function toStoredEvent([position, id, streamId, revision, type, data, metadata, hash]: EventRow): StoredEvent {
  // Set after, not spread in: a second object per event is a cost a rebuild pays 500k times.
  const event: Omit<StoredEvent, 'hash'> & { hash?: string } = {
    id,
    type,
    streamId,
    revision,
    position,
    data: JSON.parse(data),
    metadata: JSON.parse(metadata) as EventMetadata,
  };
  if (hash !== null) event.hash = hash;
  return event;
}

/** The embedded default store: one SQLite file, safe for several processes at once. */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly ids: IdSource;
  private readonly pollIntervalMs: number;
  private readonly liveReadGapMs: number;
  private readonly appended = new EventEmitter();
  private readonly filteredReads = new Map<string, Database.Statement>();
  private readonly statements;
  /** Each request is one caller's append: one stream, or several written together. */
  private readonly writer: GroupCommit<readonly StreamAppend[], StoredEvent[][]>;
  private readonly checkpoints: BackgroundCheckpoints | null;

  constructor(options: SqliteEventStoreOptions) {
    super();
    this.db = openSqlite(options.file, { busyTimeoutMs: options.busyTimeoutMs });
    createEventStoreSchema(this.db);
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? randomIds;
    this.pollIntervalMs = options.pollIntervalMs ?? 50;
    this.liveReadGapMs = options.liveReadGapMs ?? DEFAULT_LIVE_READ_GAP_MS;
    this.checkpoints = options.backgroundCheckpoints ? BackgroundCheckpoints.startFor(options.file, this.db) : null;
    this.appended.setMaxListeners(0);
    const prepare = (sql: string) => this.db.prepare(sql).safeIntegers(true);
    const readEvents = (where: string) => prepare(`SELECT ${EVENT_COLUMNS} FROM events ${where}`).raw(true);
    this.statements = {
      currentRevision: prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      last: prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1'),
      // No bound LIMIT: SQLite re-plans a statement whose LIMIT is a parameter on each call, about
      // 15 µs, three times the read of an empty tail. A read of at most N rows stops iterating.
      forwards: readEvents('WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC'),
      backwards: readEvents('WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC'),
      all: readEvents('WHERE position > ? ORDER BY position ASC LIMIT ?'),
      head: prepare('SELECT coalesce(max(position), 0) AS position FROM events'),
    };
    this.writer = new GroupCommit({
      db: this.db,
      write: (appends: readonly StreamAppend[]) => appends.map((append) => this.appendInTransaction(append)),
      onCommit: () => this.appended.emit('append'),
    });
  }

  /** Concurrent appends share one transaction (one fsync); each is checked and answered on its own. */
  async appendToStream(streamId: string, events: readonly NewEvent[], options: AppendOptions): Promise<AppendResult> {
    const [result] = await this.appendToStreams([{ streamId, events, expectedRevision: options.expectedRevision }]);
    return result;
  }

  /** The streams in one savepoint of the group commit: written together or not at all. */
  override get appendsAtomically(): boolean {
    return true;
  }

  override async appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult[]> {
    if (appends.length === 0) return [];
    const written = await this.writer.submit(appends);
    return written.map((stored) => ({ nextExpectedRevision: stored[stored.length - 1].revision, events: stored }));
  }

  /**
   * Runs inside the group commit's transaction, in its caller's savepoint. Each event
   * takes the next position and chains to the event before it (the last row, read here under
   * the write lock): requests of one group commit run in arrival order, each seeing the rows
   * of those before it, and a request rolled back to its savepoint leaves no link behind.
   */
  private appendInTransaction({ streamId, events, expectedRevision }: StreamAppend): StoredEvent[] {
    const current = this.currentRevision(streamId);
    if (!satisfiesExpectedRevision(expectedRevision, current)) {
      throw new WrongExpectedRevisionError(streamId, expectedRevision, current);
    }
    if (events.length === 0) throw new RangeError('appendToStream needs at least one event');
    const recordedAt = this.clock.now().toISOString();
    let revision = current === 'no_stream' ? -1n : current;
    const last = this.statements.last.get() as LastEvent | undefined;
    let position = last?.position ?? 0n;
    let previousHash = last?.hash ?? null;
    return events.map((event) => {
      revision += 1n;
      position += 1n;
      const id = event.id ?? this.ids.next();
      const metadata: EventMetadata = { ...event.metadata, recordedAt: event.metadata.recordedAt ?? recordedAt };
      const dataText = JSON.stringify(event.data);
      const metadataText = JSON.stringify(metadata);
      // Hashed as the stored text reads back without parsing it: canonicalJson of a value is that of
      // its JSON.stringify text parsed (event-hash.property.spec.ts).
      const hash = eventHash(
        { position, streamId, revision, id, type: event.type, data: event.data, metadata },
        previousHash,
      );
      this.statements.insert.run(position, id, streamId, revision, event.type, dataText, metadataText, hash);
      previousHash = hash;
      return { id, type: event.type, streamId, revision, position, data: event.data, metadata, hash };
    });
  }

  private currentRevision(streamId: string): CurrentRevision {
    const row = this.statements.currentRevision.get(streamId) as { revision: bigint | null };
    return row.revision === null ? 'no_stream' : row.revision;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const backwards = options.direction === 'backwards';
    const statement = backwards ? this.statements.backwards : this.statements.forwards;
    const from = options.fromRevision ?? (backwards ? BigInt(Number.MAX_SAFE_INTEGER) : 0n);
    const { maxCount } = options;
    if (maxCount === undefined) return (statement.all(streamId, from) as EventRow[]).map(toStoredEvent);
    const rows: StoredEvent[] = [];
    if (maxCount <= 0) return rows;
    for (const row of statement.iterate(streamId, from) as IterableIterator<EventRow>) {
      if (rows.push(toStoredEvent(row)) >= maxCount) break;
    }
    return rows;
  }

  async readAll(options: ReadAllOptions = {}): Promise<StoredEvent[]> {
    const after = options.after ?? 0n;
    const limit = options.maxCount ?? DEFAULT_BATCH;
    const types = options.filter?.eventTypes ?? [];
    const prefixes = options.filter?.streamPrefixes ?? [];
    const rows =
      types.length + prefixes.length === 0
        ? this.statements.all.all(after, limit)
        : this.filteredRead(types.length, prefixes.length).all({
            after,
            limit,
            ...Object.fromEntries(types.map((t, i) => [`type${i}`, t])),
            ...Object.fromEntries(prefixes.map((p, i) => [`prefix${i}`, p])),
          });
    return (rows as EventRow[]).map(toStoredEvent);
  }

  /** One prepared statement per filter shape (how many types, how many prefixes). */
  private filteredRead(types: number, prefixes: number): Database.Statement {
    const key = `${types}:${prefixes}`;
    let statement = this.filteredReads.get(key);
    if (!statement) {
      const clauses = ['position > @after'];
      const list = (count: number, make: (i: number) => string) => Array.from({ length: count }, (_, i) => make(i));
      if (types > 0) clauses.push(`type IN (${list(types, (i) => `@type${i}`).join(', ')})`);
      if (prefixes > 0) {
        clauses.push(
          `(${list(prefixes, (i) => `substr(stream_id, 1, length(@prefix${i})) = @prefix${i}`).join(' OR ')})`,
        );
      }
      statement = this.db
        .prepare(
          `SELECT ${EVENT_COLUMNS} FROM events WHERE ${clauses.join(' AND ')} ORDER BY position ASC LIMIT @limit`,
        )
        .safeIntegers(true)
        .raw(true);
      this.filteredReads.set(key, statement);
    }
    return statement;
  }

  subscribeToAll(options: SubscribeOptions, handler: EventHandler): Subscription {
    return pollingSubscription(
      {
        readAll: (o) => this.readAll(o),
        waitForAppend: (signal, emptyReads) => this.waitForAppend(signal, emptyReads),
      },
      {
        minReadGapMs: this.liveReadGapMs,
        onHurry: (hurry) => {
          this.appended.on('hurry', hurry);
          return () => this.appended.off('hurry', hurry);
        },
        ...options,
      },
      handler,
    );
  }

  /**
   * Wakes on this process's appends; another process's appends are found by polling, every
   * `pollIntervalMs` while the log moves, the interval doubling with each read that found nothing
   * up to IDLE_POLL_MS: a quiet engine reads the log twice a second instead of twenty times. A
   * hurry (someone waits for the head) aborts `signal`, so those appends are read at once then.
   */
  private waitForAppend(signal: AbortSignal, emptyReads: number): Promise<void> {
    const backedOff = Math.min(this.pollIntervalMs * 2 ** Math.max(0, emptyReads - 1), IDLE_POLL_MS);
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('append', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(backedOff, this.pollIntervalMs));
      this.appended.once('append', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  override hurryLiveReads(): void {
    this.appended.emit('hurry');
  }

  async headPosition(): Promise<bigint> {
    return (this.statements.head.get() as { position: bigint }).position;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  /** Commits the appends still queued, then closes; later appends are refused. */
  async close(): Promise<void> {
    this.writer.close();
    this.checkpoints?.stop();
    if (this.db.open) this.db.close();
  }
}
