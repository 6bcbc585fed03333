/**
 * Where the time of a single-event commit goes. Not part of `npm run bench`; after it
 * has compiled, run:  node dist-bench/bench/src/probes/append-breakdown.js
 * Compares ours and raw on a real file (WAL, synchronous=FULL) and in memory (no I/O,
 * so only CPU is left), raw at lower synchronous levels (the share of fsync), and the
 * per-event JavaScript work the adapter does on top of the SQL, the hash chain's part included.
 */
import { eventHash } from '@leadledger/event-store';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchEvent, makeEvents, streamIds } from '../fixtures';
import { median, seconds } from '../stats';
import { withTempDir } from '../temp-dir';
import { ours } from '../workloads/ours';
import { raw, rawChain, rawSubject } from '../workloads/raw';
import type { Subject } from '../workloads/subject';

const N = Number(process.env.BENCH_EVENTS ?? 3000);
const events = makeEvents(N);
const streams = streamIds(10);
const base = process.env.BENCH_TMPDIR || tmpdir();

async function appendRate(subject: Subject, file: (dir: string) => string): Promise<number> {
  const samples: number[] = [];
  for (let run = 0; run < 4; run++) {
    samples.push(
      await withTempDir(base, 'probe-append', async (dir) => {
        const store = await subject.open(file(dir));
        const start = process.hrtime.bigint();
        for (let i = 0; i < N; i++) await store.append(streams[i % streams.length], events[i]);
        const rate = N / seconds(start);
        await store.close();
        return rate;
      }),
    );
  }
  return median(samples.slice(1));
}

function perCallNs(work: () => unknown, count = 200_000): number {
  for (let i = 0; i < 10_000; i++) work();
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) work();
  return Number(process.hrtime.bigint() - start) / count;
}

async function main(): Promise<void> {
  const line = (name: string, value: string) => console.log(`${name.padEnd(58)} ${value.padStart(14)}`);
  const onDisk = (dir: string) => join(dir, 'events.db');
  const inMemory = () => ':memory:';

  const oursDisk = await appendRate(ours, onDisk);
  const rawDisk = await appendRate(raw, onDisk);
  line('ours, file, WAL + synchronous=FULL', `${Math.round(oursDisk)} ev/s`);
  line('raw,  file, WAL + synchronous=FULL', `${Math.round(rawDisk)} ev/s`);
  const rawChainDisk = await appendRate(rawChain, onDisk);
  line('raw+chain, file, WAL + synchronous=FULL', `${Math.round(rawChainDisk)} ev/s`);
  for (const level of ['NORMAL', 'OFF'] as const) {
    const rate = await appendRate(rawSubject(level), onDisk);
    line(`raw,  file, WAL + synchronous=${level}`, `${Math.round(rate)} ev/s`);
  }
  const oursMem = await appendRate(ours, inMemory);
  const rawMem = await appendRate(raw, inMemory);
  line('ours, :memory: (CPU only)', `${Math.round(oursMem)} ev/s`);
  line('raw,  :memory: (CPU only)', `${Math.round(rawMem)} ev/s`);
  const rawChainMem = await appendRate(rawChain, inMemory);
  line('raw+chain, :memory: (CPU only)', `${Math.round(rawChainMem)} ev/s`);
  line('CPU per commit: the chain (raw+chain - raw)', `${(1e6 / rawChainMem - 1e6 / rawMem).toFixed(1)} us`);
  line('CPU per commit: ours', `${(1e6 / oursMem).toFixed(1)} us`);
  line('CPU per commit: raw', `${(1e6 / rawMem).toFixed(1)} us`);
  line('whole commit on disk: ours', `${(1e6 / oursDisk).toFixed(1)} us`);

  const event: BenchEvent = events[0];
  const metadata = { ...event.metadata, recordedAt: new Date().toISOString() };
  line(
    'JSON.stringify(data) + JSON.stringify(metadata)',
    `${Math.round(perCallNs(() => JSON.stringify(event.data) + JSON.stringify(metadata)))} ns`,
  );
  line(
    'metadata spread + new Date().toISOString()',
    `${Math.round(perCallNs(() => ({ ...event.metadata, recordedAt: new Date().toISOString() })))} ns`,
  );
  const link = { position: 123_456n, streamId: streams[0], revision: 41n, id: randomUUID(), type: event.type };
  const previous = eventHash({ ...link, data: event.data, metadata }, null);
  line(
    'chain: eventHash of the event as given (canonical JSON, SHA-256)',
    `${Math.round(perCallNs(() => eventHash({ ...link, data: event.data, metadata }, previous), 50_000))} ns`,
  );
  line('randomUUID()', `${Math.round(perCallNs(() => randomUUID()))} ns`);
  let big = 0n;
  line(
    'BigInt(lastInsertRowid) + revision += 1n',
    `${Math.round(perCallNs(() => (big = BigInt(42) + (big += 1n))))} ns`,
  );

  await withTempDir(base, 'probe-select', async (dir) => {
    const store = new SqliteEventStore({ file: join(dir, 'events.db') });
    const revisions = new Map<string, bigint>();
    for (let i = 0; i < N; i += 100) {
      const stream = streams[(i / 100) % streams.length];
      const r = await store.appendToStream(stream, events.slice(i, i + 100), {
        expectedRevision: revisions.get(stream) ?? 'no_stream',
      });
      revisions.set(stream, r.nextExpectedRevision);
    }
    await store.close();
    const db = new Database(join(dir, 'events.db'));
    const max = db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?');
    const maxBig = db.prepare('SELECT max(revision) AS revision FROM events WHERE stream_id = ?').safeIntegers(true);
    line('revision SELECT max(revision) (numbers)', `${Math.round(perCallNs(() => max.get(streams[3]), 50_000))} ns`);
    const last = db.prepare('SELECT position, hash FROM events ORDER BY position DESC LIMIT 1').safeIntegers(true);
    line(
      'chain: last row SELECT position, hash (safeIntegers)',
      `${Math.round(perCallNs(() => last.get(), 50_000))} ns`,
    );
    line(
      'revision SELECT max(revision) (safeIntegers)',
      `${Math.round(perCallNs(() => maxBig.get(streams[3]), 50_000))} ns`,
    );
    db.close();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
