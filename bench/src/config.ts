import { tmpdir } from 'node:os';

/** Everything a run depends on, read once from the environment. */
export interface BenchConfig {
  /** Events appended (one per commit) and then read back, per run and per subject. */
  readonly events: number;
  /** Streams the appends go to, round-robin. */
  readonly streams: number;
  /** Events per readAll batch. */
  readonly readBatch: number;
  /** Timed runs per subject; the figure reported is their median. */
  readonly runs: number;
  /** Events appended and read in the untimed warm-up of each subject. */
  readonly warmupEvents: number;
  /** A read run repeats full passes over the log until at least this long has passed. */
  readonly minReadSeconds: number;
  /** Where the per-run temp directories go (must be a real disk for fsync to cost). */
  readonly tempBase: string;
}

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function readConfig(): BenchConfig {
  const events = positiveInt('BENCH_EVENTS', 2000);
  return {
    events,
    streams: positiveInt('BENCH_STREAMS', 10),
    readBatch: positiveInt('BENCH_READ_BATCH', 1000),
    runs: positiveInt('BENCH_RUNS', 5),
    warmupEvents: Math.min(events, 200),
    minReadSeconds: 1,
    tempBase: process.env.BENCH_TMPDIR || tmpdir(),
  };
}
