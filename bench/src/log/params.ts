import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a generated log looks like; the cache key is made of these (not of how fast it was built). */
export interface LogParams {
  /** Leads keep arriving until the log holds at least this many events. */
  readonly targetEvents: number;
  /**
   * Snapshots of the log taken when the big pool has routed this many leads (5 000 and 20 000
   * by default); the build goes on until every one is taken, even past `targetEvents`.
   */
  readonly poolCheckpoints: readonly number[];
}

/** How a log is built: changes the speed, not what the log says. */
export interface BuildSettings {
  /** Leads in flight at once in the generator (each one its own chain of commands). */
  readonly concurrency: number;
  /** Where finished logs are kept between runs. */
  readonly cacheDir: string;
  /** Where the log is written while it is built (a real disk by default: commits pay their fsync). */
  readonly buildDir: string;
  /** Build again even when the cache holds a log with these parameters. */
  readonly rebuild: boolean;
}

/** Bump when the mix of leads or the seed changes, so an old cached log is not taken for a new one. */
export const GENERATOR_VERSION = 1;

/**
 * Business time of the log ends when it is built; the pools protect customers for 30 days, warn
 * 5 days before, and the engine's scheduler acts on the wall clock. A cached log older than
 * this is rebuilt, so that no engine started on it begins by releasing or warning thousands of
 * customers (work a real engine would have done day by day).
 */
export const CACHE_MAX_AGE_DAYS = 7;

export function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

export function nonNegativeInts(name: string, fallback: readonly number[]): readonly number[] {
  const raw = process.env[name];
  if (raw === undefined) return fallback;
  if (raw.trim() === '') return [];
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((v) => !Number.isInteger(v) || v < 0)) {
    throw new Error(`${name} must be whole numbers separated by commas, got "${raw}"`);
  }
  return values;
}

export function readLogParams(): LogParams {
  const checkpoints = nonNegativeInts('BENCH_LOG_POOL_LEADS', [5000, 20000]).filter((n) => n > 0);
  return {
    targetEvents: positiveInt('BENCH_LOG_EVENTS', 500_000),
    poolCheckpoints: [...new Set(checkpoints)].sort((a, b) => a - b),
  };
}

export function readBuildSettings(): BuildSettings {
  const base = process.env.BENCH_TMPDIR || tmpdir();
  return {
    concurrency: positiveInt('BENCH_LOG_CONCURRENCY', 32),
    cacheDir: process.env.BENCH_CACHE || join(tmpdir(), 'leadledger-bench-cache'),
    buildDir: process.env.BENCH_LOG_BUILD_DIR || base,
    rebuild: process.env.BENCH_LOG_REBUILD === '1',
  };
}

export function cacheKey(params: LogParams): string {
  return `log-v${GENERATOR_VERSION}-events${params.targetEvents}-pool${params.poolCheckpoints.join('_') || 'none'}`;
}

/** File names of the snapshots inside a cache entry. */
export const checkpointFile = (poolLeads: number): string => `pool-${poolLeads}.events.sqlite`;
export const FULL_LOG_FILE = 'full.events.sqlite';
export const FRESH_LOG_FILE = 'fresh.events.sqlite';
export const MANIFEST_FILE = 'manifest.json';
