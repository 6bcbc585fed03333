import { tmpdir } from 'node:os';

/** Everything the lead-intake run depends on, read once from the environment. */
export interface IntakeBenchConfig {
  /** Offered rate of the open-loop phases, requests per second, for both endpoints. */
  readonly rate: number;
  /** Length of each open-loop phase. */
  readonly seconds: number;
  /** Share of leads (0–100) that reuse the phone of an earlier lead: the existing-customer path. */
  readonly repeatPercent: number;
  /** Concurrent clients of the closed-loop phases: one pair of phases (/health, /leads) per entry. */
  readonly clients: readonly number[];
  /** Requests per closed-loop phase; 0 skips the closed loop. */
  readonly closedCount: number;
  /** Untimed requests per endpoint before anything is measured. */
  readonly warmup: number;
  /** Where the engine's data directory goes (must be a real disk for fsync to cost). */
  readonly tempBase: string;
}

function integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function integers(name: string, fallback: readonly number[]): readonly number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1)) {
    throw new Error(`${name} must be whole numbers of at least 1, separated by commas, got "${raw}"`);
  }
  return values;
}

export function readIntakeConfig(): IntakeBenchConfig {
  return {
    rate: integer('BENCH_INTAKE_RATE', 20, 1),
    seconds: integer('BENCH_INTAKE_SECONDS', 10, 1),
    repeatPercent: integer('BENCH_INTAKE_REPEAT_PERCENT', 20, 0, 100),
    clients: integers('BENCH_INTAKE_CLIENTS', [1, 8]),
    closedCount: integer('BENCH_INTAKE_CLOSED_COUNT', 300, 0),
    warmup: integer('BENCH_INTAKE_WARMUP', 100, 0),
    tempBase: process.env.BENCH_TMPDIR || tmpdir(),
  };
}
