import Database from 'better-sqlite3';
import { eventHash } from '@leadledger/event-store';
import { createEventStoreSchema } from '@leadledger/event-store-sqlite';
import { randomUUID } from 'node:crypto';
import { type EventRow, eventFromRow } from '../raw-event-row';
import { readDurability } from './ours';
import type { BenchStore, Subject } from './subject';

/**
 * The floor: better-sqlite3 with the adapter's pragmas doing the adapter's SQL
 * (BEGIN IMMEDIATE, revision SELECT, INSERT, COMMIT per event) with nothing around it.
 * `synchronous` is only ever lowered by the append probe, to show what fsync costs.
 *
 * With `chain`, it also keeps the tamper-evidence hash chain the way the adapter does (the last
 * row's position and hash read in the transaction, eventHash over the event's values, both written
 * with the row): the difference from plain raw is the chain's cost on append.
 */
export function rawSubject(synchronous: 'FULL' | 'NORMAL' | 'OFF' = 'FULL', chain = false): Subject {
  const name = synchronous === 'FULL' ? 'raw' : `raw (synchronous=${synchronous})`;
  return {
    name: chain ? `${name}+chain` : name,
    label: `better-sqlite3, hand-written SQL, same schema and pragmas${chain ? ', plus the hash chain' : ''}`,
    async open(file: string): Promise<BenchStore> {
      const db = new Database(file);
      db.pragma('busy_timeout = 5000');
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${synchronous}`);
      // The same table as ours (setup is not timed); the timed work below is plain SQL.
      createEventStoreSchema(db);
      const begin = db.prepare('BEGIN IMMEDIATE');
      const commit = db.prepare('COMMIT');
      const rollback = db.prepare('ROLLBACK');
      const current = db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?').pluck();
      const insert = db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
      );
      const insertLinked = db.prepare(
        'INSERT INTO events (position, event_id, stream_id, revision, type, data, metadata, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      const last = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1');
      const page = db.prepare(
        'SELECT position, event_id, stream_id, revision, type, data, metadata FROM events WHERE position > ? ORDER BY position LIMIT ?',
      );
      const expected = new Map<string, number>();
      return {
        async append(streamId, event) {
          const want = expected.get(streamId) ?? -1;
          begin.run();
          try {
            const revision = ((current.get(streamId) as number | null) ?? -1) + 1;
            if (revision - 1 !== want) throw new Error(`wrong expected revision on ${streamId}`);
            const metadata = { ...event.metadata, recordedAt: new Date().toISOString() };
            const id = randomUUID();
            const data = JSON.stringify(event.data);
            const meta = JSON.stringify(metadata);
            if (chain) {
              const previous = last.get() as { position: number; hash: string | null } | undefined;
              const position = (previous?.position ?? 0) + 1;
              const link = { position: BigInt(position), streamId, revision: BigInt(revision), id, type: event.type };
              const hash = eventHash({ ...link, data: event.data, metadata }, previous?.hash ?? null);
              insertLinked.run(position, id, streamId, revision, event.type, data, meta, hash);
            } else {
              insert.run(id, streamId, revision, event.type, data, meta);
            }
            commit.run();
            expected.set(streamId, revision);
          } catch (error) {
            if (db.inTransaction) rollback.run();
            throw error;
          }
        },
        async readAll(batch) {
          let after = 0;
          let count = 0;
          for (;;) {
            const rows = (page.all(after, batch) as EventRow[]).map(eventFromRow);
            count += rows.length;
            if (rows.length < batch) return count;
            after = rows[rows.length - 1].position;
          }
        },
        async durability() {
          return readDurability(db, 'the benchmark connection itself');
        },
        async close() {
          db.close();
        },
      };
    },
  };
}

export const raw = rawSubject();
export const rawChain = rawSubject('FULL', true);
