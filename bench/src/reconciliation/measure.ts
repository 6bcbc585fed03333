import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface Spread {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Nearest-rank percentiles. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
  return { count: sorted.length, p50Ms: at(0.5), p95Ms: at(0.95), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? 0 };
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: performance.now() - start, value };
}

export interface Blocking {
  /** The longest gap between two ticks of a 1 ms interval timer: how long the loop was held. */
  readonly blockMs: number;
  /** monitorEventLoopDelay's max over the same time; on Node 20 it can miss one long block entirely. */
  readonly histogramMaxMs: number;
}

/** How long the event loop was held while `work` ran, seen by a 1 ms timer and by the delay histogram. */
export async function longestBlock<T>(work: () => Promise<T>): Promise<Blocking & { value: T }> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let longest = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 1);
  histogram.enable();
  try {
    const value = await work();
    // A block at the very end is only seen by the next tick: let it fire.
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { blockMs: longest, histogramMaxMs: histogram.max / 1e6, value };
  } finally {
    histogram.disable();
    clearInterval(tick);
  }
}

/**
 * Another client's view while `work` runs: GET /health every few milliseconds on the same
 * engine, each answer's latency recorded. Runs one request at a time.
 */
export async function healthWhile<T>(baseUrl: string, work: () => Promise<T>): Promise<{ health: Spread; value: T }> {
  const latencies: number[] = [];
  let done = false;
  const probe = (async () => {
    while (!done) {
      const { ms } = await timed(async () => (await fetch(`${baseUrl}/health`)).arrayBuffer());
      latencies.push(ms);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  try {
    const value = await work();
    return { health: spread(latencies), value };
  } finally {
    done = true;
    await probe;
  }
}
