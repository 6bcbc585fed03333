/**
 * Where the time of a global read goes, to judge the read targets. Not part of
 * `npm run bench`; after it has compiled, run:
 *   node dist-bench/bench/src/probes/read-breakdown.js
 * One log of BENCH_EVENTS (default 20000) events is written once per store, then each
 * variant repeats full passes for >= 1 s, 5 times, and prints the median events/s.
 */
import { START_OF_LOG } from '@leadledger/event-store';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import {
  appendToStream,
  createEventStoreSchema,
  readMessagesBatch,
  sqliteConnection,
} from '@event-driven-io/emmett-sqlite';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { makeEvents, streamIds } from '../fixtures';
import { median, seconds } from '../stats';
import { withTempDir } from '../temp-dir';

const N = Number(process.env.BENCH_EVENTS ?? 20000);
const BATCH = 1000;
const SQL = 'SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?';

async function rate(passOnce: () => Promise<number> | number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 6; i++) {
    let events = 0;
    const start = process.hrtime.bigint();
    do events += await passOnce();
    while (seconds(start) < 1);
    if (i > 0) samples.push(events / seconds(start)); // the first is warm-up
  }
  return median(samples);
}

function pages<Row extends { position: number | bigint }>(
  fetch: (after: number | bigint) => Row[],
  each: (rows: Row[]) => void,
): number {
  let after: number | bigint = 0;
  let count = 0;
  for (;;) {
    const rows = fetch(after);
    each(rows);
    count += rows.length;
    if (rows.length < BATCH) return count;
    after = rows[rows.length - 1].position;
  }
}

async function main(): Promise<void> {
  const events = makeEvents(N);
  const streams = streamIds(10);
  await withTempDir(process.env.BENCH_TMPDIR || tmpdir(), 'probe-read', async (dir) => {
    const ourFile = join(dir, 'ours.db');
    const store = new SqliteEventStore({ file: ourFile });
    const revisions = new Map<string, bigint>();
    for (let i = 0; i < N; i += 100) {
      const stream = streams[(i / 100) % streams.length];
      const result = await store.appendToStream(stream, events.slice(i, i + 100), {
        expectedRevision: revisions.get(stream) ?? 'no_stream',
      });
      revisions.set(stream, result.nextExpectedRevision);
    }

    const db = new Database(ourFile);
    db.pragma('journal_mode = WAL');
    const numbers = db.prepare(SQL);
    const bigints = db.prepare(SQL).safeIntegers(true);
    type Row = { position: number; data: string; metadata: string; [k: string]: unknown };
    const strings = numbers.all(0, N) as Row[];
    /** A row as an event object, the same for every variant; only the integer conversion differs. */
    const toEvent = (r: Row, integer: (value: unknown) => unknown) => ({
      id: r.event_id,
      type: r.type,
      streamId: r.stream_id,
      revision: integer(r.revision),
      position: integer(r.position),
      data: JSON.parse(r.data),
      metadata: JSON.parse(r.metadata),
    });

    const results: Array<[string, number]> = [];
    const measure = async (name: string, pass: () => Promise<number> | number) => {
      results.push([name, await rate(pass)]);
      console.log(
        `${name.padEnd(62)} ${Math.round(results[results.length - 1][1])
          .toLocaleString('en-US')
          .padStart(10)} ev/s`,
      );
    };

    await measure('better-sqlite3 SELECT only, numbers', () =>
      pages(
        (a) => numbers.all(a, BATCH) as Row[],
        () => undefined,
      ),
    );
    await measure('better-sqlite3 SELECT only, safeIntegers (BigInt)', () =>
      pages(
        (a) => bigints.all(a, BATCH) as Row[],
        () => undefined,
      ),
    );
    await measure('JSON.parse of data + metadata only (strings in memory)', () => {
      for (const row of strings) {
        JSON.parse(row.data);
        JSON.parse(row.metadata);
      }
      return strings.length;
    });
    await measure('raw: SELECT + JSON.parse, parsed into the row', () =>
      pages(
        (a) => numbers.all(a, BATCH) as Row[],
        (rows) => {
          for (const row of rows) {
            (row as Record<string, unknown>).data = JSON.parse(row.data);
            (row as Record<string, unknown>).metadata = JSON.parse(row.metadata);
          }
        },
      ),
    );
    await measure('raw: SELECT + JSON.parse into a new object (numbers)', () =>
      pages(
        (a) => numbers.all(a, BATCH) as Row[],
        (rows) => {
          rows.map((r) => toEvent(r, (n) => n));
        },
      ),
    );
    await measure('raw: as above, numbers then BigInt() of position/revision', () =>
      pages(
        (a) => numbers.all(a, BATCH) as Row[],
        (rows) => {
          rows.map((r) => toEvent(r, (n) => BigInt(n as number)));
        },
      ),
    );
    await measure('raw: SELECT + JSON.parse into a new object (BigInt)', () =>
      pages(
        (a) => bigints.all(a, BATCH) as Row[],
        (rows) => {
          rows.map((r) => toEvent(r, (n) => n));
        },
      ),
    );
    await measure('ours: SqliteEventStore.readAll (port)', async () => {
      let after = START_OF_LOG;
      let count = 0;
      for (;;) {
        const batch = await store.readAll({ after, maxCount: BATCH });
        count += batch.length;
        if (batch.length < BATCH) return count;
        after = batch[batch.length - 1].position;
      }
    });

    const peerFile = join(dir, 'peer.db');
    const writer = sqliteConnection({ fileName: peerFile });
    await createEventStoreSchema(writer);
    const versions = new Map<string, bigint>();
    for (let i = 0; i < N; i += 100) {
      const stream = streams[(i / 100) % streams.length];
      const batch = events.slice(i, i + 100).map((e) => ({
        type: e.type,
        data: e.data,
        metadata: { ...e.metadata, recordedAt: new Date().toISOString() },
      }));
      const result = await appendToStream(writer, stream, 'lead', batch, {
        expectedStreamVersion: versions.get(stream) ?? 0n,
      });
      if (!result.success) throw new Error('peer append failed');
      versions.set(stream, result.nextStreamPosition);
    }
    const peerSql =
      'SELECT stream_id, stream_position, global_position, message_data, message_metadata, message_schema_version, message_type, message_id FROM emt_messages WHERE partition = ? AND is_archived = FALSE AND global_position > ? ORDER BY global_position LIMIT ?';
    await measure('peer: node-sqlite3 same SELECT only, no parse', async () => {
      let after = 0;
      let count = 0;
      for (;;) {
        const rows = await writer.query<{ global_position: number }>(peerSql, ['emt:default', after, BATCH]);
        count += rows.length;
        if (rows.length < BATCH) return count;
        after = rows[rows.length - 1].global_position;
      }
    });
    await measure('peer: readMessagesBatch (SELECT + parse + BigInt)', async () => {
      let after = 0n;
      let count = 0;
      for (;;) {
        const result = await readMessagesBatch(writer, { after, batchSize: BATCH });
        count += result.messages.length;
        if (result.messages.length < BATCH) return count;
        after = result.currentGlobalPosition;
      }
    });
    writer.close();
    db.close();
    await store.close();

    const get = (prefix: string) => results.find(([name]) => name.startsWith(prefix))![1];
    const peer = get('peer: readMessagesBatch');
    console.log(`\nraw (parsed into the row) / peer = ${(get('raw: SELECT + JSON.parse, parsed') / peer).toFixed(2)}x`);
    console.log(`JSON.parse alone / peer           = ${(get('JSON.parse of') / peer).toFixed(2)}x`);
    console.log(`ours / peer                       = ${(get('ours:') / peer).toFixed(2)}x`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
