import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { exchange } from '../intake/http-client';
import { percentile } from '../intake/latency';
import type { AgeingConfig } from './config';
import type { EngineProcess } from './engine-process';
import { load1 } from './load-average';
import { CLOCK_TICKS_PER_SECOND } from './proc-stats';

export interface IdleFigures {
  readonly seconds: number;
  readonly cpuPercentOfOneCore: number;
  readonly cpuTicks: number;
  readonly clockTicksPerSecond: number;
  readonly rssMiB: number;
  readonly health: { requests: number; errors: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number };
  readonly load1: number;
}

/**
 * Idle (b): the engine's own CPU (user + system, every thread, from /proc) over a window in which
 * nobody sends it anything, then `requests` sequential GET /health on one kept-alive connection.
 */
export async function measureIdle(engine: EngineProcess, config: AgeingConfig): Promise<IdleFigures> {
  const loadAtStart = load1();
  const ticksBefore = engine.cpuTicks();
  const start = performance.now();
  await sleep(config.idleSeconds * 1000);
  const ticks = engine.cpuTicks() - ticksBefore;
  const seconds = (performance.now() - start) / 1000;
  const rssMiB = engine.memoryMiB().rss;

  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/health', engine.baseUrl);
  const latencies: number[] = [];
  let errors = 0;
  try {
    for (let i = 0; i < config.healthRequests; i++) {
      const sent = performance.now();
      try {
        const { status } = await exchange(agent, url, 'GET', {});
        if (status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - sent);
    }
  } finally {
    agent.destroy();
  }
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    cpuPercentOfOneCore: (ticks / CLOCK_TICKS_PER_SECOND / seconds) * 100,
    cpuTicks: ticks,
    clockTicksPerSecond: CLOCK_TICKS_PER_SECOND,
    rssMiB,
    health: {
      requests: latencies.length,
      errors,
      p50Ms: percentile(latencies, 50),
      p90Ms: percentile(latencies, 90),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? NaN,
    },
    load1: loadAtStart,
  };
}
