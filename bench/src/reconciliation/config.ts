import { tmpdir } from 'node:os';

/** What the reconciliation run depends on, read once from the environment. */
export interface ReconciliationBenchConfig {
  /** Log sizes, in sales; one fresh engine and log per size. */
  readonly sales: readonly number[];
  /** Timed reconciliations after the first (each after a few more sales were recorded). */
  readonly calls: number;
  /** Calls of the former full in-memory replay, the baseline measured in the same run; 0 skips it. */
  readonly baselineCalls: number;
  /** Where the engine's data directory goes (must be a real disk for fsync to cost). */
  readonly tempBase: string;
}

function integers(name: string, fallback: readonly number[], min: number): readonly number[] {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const values = raw.split(',').map((part) => Number(part.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < min)) {
    throw new Error(`${name} must be whole numbers of at least ${min}, separated by commas, got "${raw}"`);
  }
  return values;
}

export function readReconciliationConfig(): ReconciliationBenchConfig {
  return {
    sales: integers('BENCH_RECON_SALES', [1_000, 10_000, 50_000], 12),
    calls: integers('BENCH_RECON_CALLS', [20], 1)[0],
    baselineCalls: integers('BENCH_RECON_BASELINE_CALLS', [2], 0)[0],
    tempBase: process.env.BENCH_TMPDIR || tmpdir(),
  };
}
