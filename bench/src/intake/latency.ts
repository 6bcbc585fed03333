import type { PhaseResult } from './protocol';

/** Nearest rank: the smallest value with at least p% of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1];
}

export interface PhaseFigures {
  readonly requests: number;
  readonly ok: number;
  readonly errors: number;
  /**
   * Answered correctly per second, from the first intended send to the last answer; in the open
   * loop at least over the offered window (requests / rate), so answering faster than offered cannot count.
   */
  readonly achievedPerSecond: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** How late the load generator itself sent (p99): a large value means the client, not the engine, lagged. */
  readonly sendLagP99Ms: number;
}

function windowMs({ phase, elapsedMs }: PhaseResult): number {
  return phase.mode === 'open' ? Math.max(elapsedMs, phase.seconds * 1000) : elapsedMs;
}

export function figures(result: PhaseResult): PhaseFigures {
  const sorted = [...result.latenciesMs].sort((a, b) => a - b);
  const lags = [...result.sendLagsMs].sort((a, b) => a - b);
  const errors = Object.values(result.failures).reduce((sum, n) => sum + n, 0);
  return {
    requests: result.latenciesMs.length,
    ok: result.ok,
    errors,
    achievedPerSecond: result.ok / (windowMs(result) / 1000),
    p50Ms: percentile(sorted, 50),
    p90Ms: percentile(sorted, 90),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    sendLagP99Ms: percentile(lags, 99),
  };
}

/** p50 of each tenth of the phase, in send order: shows whether latency grows as the log and the pool grow. */
export function p50ByTenth(result: PhaseResult): (number | null)[] {
  const n = result.latenciesMs.length;
  return Array.from({ length: 10 }, (_, t) => {
    const slice = result.latenciesMs.slice(Math.floor((t * n) / 10), Math.floor(((t + 1) * n) / 10));
    return slice.length === 0
      ? null
      : percentile(
          [...slice].sort((a, b) => a - b),
          50,
        );
  });
}
