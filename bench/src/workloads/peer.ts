import {
  type SQLiteConnection,
  SQLiteEventStoreDefaultStreamVersion,
  appendToStream,
  createEventStoreSchema,
  getSQLiteEventStore,
  readMessagesBatch,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import type { BenchEvent } from '../fixtures';
import type { BenchStore, Durability, Subject } from './subject';

type PeerEvent = { type: string; data: Record<string, unknown>; metadata: Record<string, unknown> };

/** Same bytes as ours stores: the metadata gets recordedAt at append time. */
function toPeerEvent(event: BenchEvent): PeerEvent {
  return { type: event.type, data: event.data, metadata: { ...event.metadata, recordedAt: new Date().toISOString() } };
}

/**
 * emmett's event store has no global read of its own (only its consumer polls the log),
 * so the global read uses what that consumer uses: readMessagesBatch on a connection.
 */
async function readGlobalLog(connection: SQLiteConnection, batch: number): Promise<number> {
  let after = 0n;
  let count = 0;
  for (;;) {
    const result = await readMessagesBatch(connection, { after, batchSize: batch });
    count += result.messages.length;
    if (result.messages.length < batch) return count;
    after = result.currentGlobalPosition;
  }
}

async function peerDurability(connection: SQLiteConnection): Promise<Durability> {
  const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
  const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
  const version = await connection.querySingle<{ v: string }>('SELECT sqlite_version() AS v');
  return {
    journalMode: journal?.journal_mode ?? 'unknown',
    synchronous: Number(sync?.synchronous),
    sqliteVersion: version?.v ?? 'unknown',
    how: 'sqliteConnection(), the connection factory the emmett store uses for every call, on the same file',
  };
}

const MAX_RETRIES = 10;

function isBusy(error: unknown): boolean {
  return error instanceof Error && (error as Error & { code?: string }).code === 'SQLITE_BUSY';
}

/**
 * emmett 0.38.5 now and then fails a COMMIT with "SQLITE_BUSY: cannot commit transaction
 * - SQL statements in progress" (a statement of its own on the same node-sqlite3
 * connection is still active when it commits) and rolls back; it also console.logs it. The commit is retried with the
 * same expected version (the time of the failed try counts), logging is muted while
 * emmett runs, and the retries are counted and reported. A lost or doubled event would
 * fail the read check.
 */
async function withBusyRetry<T>(attempt: () => Promise<T>, onRetry: () => void): Promise<T> {
  const log = console.log;
  console.log = () => undefined;
  try {
    for (let tries = 0; ; tries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!isBusy(error) || tries >= MAX_RETRIES) throw error;
        onRetry();
      }
    }
  } finally {
    console.log = log;
  }
}

function peerStore(
  file: string,
  append: (streamId: string, event: PeerEvent, expected: bigint) => Promise<bigint>,
  close: () => void,
): BenchStore {
  const expected = new Map<string, bigint>();
  let retries = 0;
  let reader: SQLiteConnection | undefined;
  const connection = () => (reader ??= sqliteConnection({ fileName: file }));
  return {
    async append(streamId, event) {
      const peerEvent = toPeerEvent(event);
      const version = expected.get(streamId) ?? SQLiteEventStoreDefaultStreamVersion;
      const next = await withBusyRetry(
        () => append(streamId, peerEvent, version),
        () => retries++,
      );
      expected.set(streamId, next);
    },
    retriedCommits: () => retries,
    readAll: (batch) => readGlobalLog(connection(), batch),
    durability: () => peerDurability(connection()),
    async close() {
      reader?.close();
      close();
    },
  };
}

/** @event-driven-io/emmett-sqlite through its public event store (getSQLiteEventStore). */
export const peer: Subject = {
  name: 'peer',
  label: '@event-driven-io/emmett-sqlite getSQLiteEventStore (opens a connection per call)',
  async open(file: string): Promise<BenchStore> {
    const store = getSQLiteEventStore({ fileName: file });
    return peerStore(
      file,
      async (streamId, event, expectedStreamVersion) =>
        (await store.appendToStream(streamId, [event], { expectedStreamVersion })).nextExpectedStreamVersion,
      () => undefined,
    );
  },
};

/**
 * The peer's best case, for reference only: its low-level appendToStream on one
 * connection kept open, which its public store does not do for files.
 */
export const peerKeptOpen: Subject = {
  name: 'peer (one connection)',
  label: '@event-driven-io/emmett-sqlite low-level appendToStream on one kept-open connection',
  async open(file: string): Promise<BenchStore> {
    const writer = sqliteConnection({ fileName: file });
    await createEventStoreSchema(writer);
    return peerStore(
      file,
      async (streamId, event, expectedStreamVersion) => {
        const result = await appendToStream(writer, streamId, 'lead', [event], { expectedStreamVersion });
        if (!result.success) throw new Error(`wrong expected version on ${streamId}`);
        return result.nextStreamPosition;
      },
      () => writer.close(),
    );
  },
};
