import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ExpectedRevision } from '@leadledger/event-store';
import { loadConfig, openEventStore } from '@leadledger/platform';
import { poolStreamId } from '@leadledger/routing';
import { makeEvents } from '../fixtures';
import { type EventRow, eventFromRow } from '../raw-event-row';
import { BENCH_POOL_ID } from '../intake/seed';
import { seconds } from '../stats';
import { type ReadFigure, compare } from './read-comparison';

export interface StoreReadsResult {
  readonly logEvents: number;
  readonly figures: readonly ReadFigure[];
  readonly appendSeconds: number;
}

/**
 * Store-level reads on a copy of a generated log: readStream of a 1k- and a 10k-event stream
 * (written into the copy, their events interleaved with each other's), readStream of the big
 * pool's real stream, and sparse filtered readAll (one event type, one stream prefix, each about
 * 1% of the log). Ours is the configured adapter through the EventStore port; raw is
 * better-sqlite3 on the same file with the adapter's SQL and JSON.parse of both columns.
 */
export async function storeReads(
  sourceLog: string,
  dir: string,
  minSeconds: number,
  rounds: number,
  log: (line: string) => void,
): Promise<StoreReadsResult> {
  copyFileSync(sourceLog, join(dir, 'events.sqlite'));
  const config = loadConfig({ LEADLEDGER_DATA_DIR: dir, LEADLEDGER_TIMEZONE: 'UTC' });
  if (config.store.kind !== 'sqlite') throw new Error('sqlite only');
  const store = openEventStore(config);
  const db = new Database(config.store.file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  try {
    // 10 batches of 10 for the long stream, then 1 for the short one: their rows interleave.
    const appendStart = process.hrtime.bigint();
    const long = makeEvents(10_000);
    const short = makeEvents(1_000);
    let longRev: ExpectedRevision = 'no_stream';
    let shortRev: ExpectedRevision = 'no_stream';
    for (let i = 0; i < 1000; i++) {
      longRev = (
        await store.appendToStream('benchread-10k', long.slice(i * 10, i * 10 + 10), { expectedRevision: longRev })
      ).nextExpectedRevision;
      if (i % 10 === 9) {
        const j = (i - 9) / 10;
        shortRev = (
          await store.appendToStream('benchread-1k', short.slice(j * 10, j * 10 + 10), { expectedRevision: shortRev })
        ).nextExpectedRevision;
      }
    }
    const appendSeconds = seconds(appendStart);
    const logEvents = Number(await store.headPosition());
    log(`  store: ${logEvents} events in the copy (11 000 appended in ${appendSeconds.toFixed(1)} s)`);

    const byStream = db.prepare(
      'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
    );
    const rawStream = async (streamId: string) =>
      (byStream.all(streamId, 0, -1) as EventRow[]).map(eventFromRow).length;
    const oursStream = async (streamId: string) => (await store.readStream(streamId)).length;
    const figures: ReadFigure[] = [];
    const pool = poolStreamId(BENCH_POOL_ID);
    const poolEvents = (await store.readStream(pool)).length;
    for (const [streamId, n, detail] of [
      ['benchread-1k', 1000, 'readStream, 1 000-event stream'],
      ['benchread-10k', 10_000, 'readStream, 10 000-event stream'],
      [pool, poolEvents, `readStream, the big pool's stream (${poolEvents} events, spread over the log)`],
    ] as const) {
      const figure = await compare(
        `readStream ${n}`,
        detail,
        n,
        logEvents,
        () => oursStream(streamId),
        () => rawStream(streamId),
        minSeconds,
        rounds,
      );
      figures.push(figure);
      log(`  ${detail}: ours ${figure.oursMsPerPass.toFixed(2)} ms, raw ${figure.rawMsPerPass.toFixed(2)} ms`);
    }

    // Sparse filtered reads: the whole log in batches of 1 000 matching events.
    const BATCH = 1000;
    const sparseType = 'LeadQualified';
    const typeCount = (db.prepare('SELECT count(*) AS n FROM events WHERE type = ?').get(sparseType) as { n: number })
      .n;
    const prefix = poolStreamId('gen-referral');
    const prefixCount = (
      db.prepare('SELECT count(*) AS n FROM events WHERE substr(stream_id, 1, length(?)) = ?').get(prefix, prefix) as {
        n: number;
      }
    ).n;
    const byType = db.prepare('SELECT * FROM events WHERE position > ? AND type IN (?) ORDER BY position ASC LIMIT ?');
    const byPrefix = db.prepare(
      'SELECT * FROM events WHERE position > ? AND (substr(stream_id, 1, length(?)) = ?) ORDER BY position ASC LIMIT ?',
    );
    const rawFiltered = (page: (after: number) => EventRow[]) => async () => {
      let after = 0;
      let n = 0;
      for (;;) {
        const events = page(after).map(eventFromRow);
        n += events.length;
        if (events.length < BATCH) return n;
        after = events[events.length - 1].position;
      }
    };
    const oursFiltered = (filter: { eventTypes?: string[]; streamPrefixes?: string[] }) => async () => {
      let after = 0n;
      let n = 0;
      for (;;) {
        const events = await store.readAll({ after, maxCount: BATCH, filter });
        n += events.length;
        if (events.length < BATCH) return n;
        after = events[events.length - 1].position;
      }
    };
    for (const [label, expected, ours, raw] of [
      [
        `readAll filtered by type ${sparseType}`,
        typeCount,
        oursFiltered({ eventTypes: [sparseType] }),
        rawFiltered((after) => byType.all(after, sparseType, BATCH) as EventRow[]),
      ],
      [
        `readAll filtered by stream prefix ${prefix}`,
        prefixCount,
        oursFiltered({ streamPrefixes: [prefix] }),
        rawFiltered((after) => byPrefix.all(after, prefix, prefix, BATCH) as EventRow[]),
      ],
    ] as const) {
      const share = `${((expected / logEvents) * 100).toFixed(2)}% of the log`;
      const figure = await compare(
        label.startsWith('readAll filtered by type') ? 'sparse readAll, type' : 'sparse readAll, prefix',
        `${label} (${expected} events, ${share})`,
        expected,
        logEvents,
        ours,
        raw,
        minSeconds,
        rounds,
      );
      figures.push(figure);
      log(`  ${figure.detail}: ours ${figure.oursMsPerPass.toFixed(1)} ms, raw ${figure.rawMsPerPass.toFixed(1)} ms`);
    }
    return { logEvents, figures, appendSeconds };
  } finally {
    db.close();
    await store.close();
  }
}
