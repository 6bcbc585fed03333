import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { poolStreamId } from '@leadledger/routing';
import { exchange } from '../intake/http-client';
import { type PhaseFigures, figures, percentile } from '../intake/latency';
import { LoadDriver } from '../intake/load-driver';
import type { Phase, PhaseResult } from '../intake/protocol';
import { BENCH_POOL_ID } from '../intake/seed';
import { BENCH_SERVICE_SECRET } from '../log/generate';
import type { AgeingConfig } from './config';
import { EngineProcess } from './engine-process';

export const AUTH = { authorization: `Bearer ${BENCH_SERVICE_SECRET}` };

export const CLOCK_TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The 1-minute load average, rounded: other work on the shared machine shows here. */
export const load1 = () => Math.round(loadavg()[0] * 100) / 100;

/** Copies a cached log into a fresh data directory as the engine's events file. */
export function useLog(source: string, dataDir: string): void {
  copyFileSync(source, join(dataDir, 'events.sqlite'));
}

/** Events in the file and in the big pool's stream, read on a connection of our own (WAL: never blocks the engine). */
export function logSize(dataDir: string): { events: number; poolStreamEvents: number } {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const events = (db.prepare('SELECT coalesce(max(position), 0) AS n FROM events').get() as { n: number }).n;
    const pool = db
      .prepare('SELECT count(*) AS n FROM events WHERE stream_id = ?')
      .get(poolStreamId(BENCH_POOL_ID)) as {
      n: number;
    };
    return { events, poolStreamEvents: pool.n };
  } finally {
    db.close();
  }
}

function warnOnFailures(label: string, result: PhaseResult, log: (line: string) => void): void {
  const failed = Object.entries(result.failures);
  if (failed.length === 0) return;
  log(`  WARNING: ${label}: ${failed.map(([status, n]) => `${n} x ${status}`).join(', ')}`);
  for (const sample of result.failureSamples) log(`    ${sample}`);
}

export interface MeasuredPhase {
  readonly phase: Phase;
  readonly figures: PhaseFigures;
  readonly leadStatuses: Readonly<Record<string, number>>;
  readonly routingRules: Readonly<Record<string, number>>;
  /** Intake only: from the last answer until the engine reported every read model and reactor at the head. */
  readonly settleMs: number | null;
  readonly poolStreamEventsAtStart: number | null;
  readonly load1: number;
}

/**
 * One engine child and the load driver aimed at it (one driver per engine, so its lead sequence
 * — external ids, phones — never repeats on that engine's log).
 */
export class EngineSession {
  readonly driver: LoadDriver;

  constructor(
    readonly engine: EngineProcess,
    private readonly dataDir: string,
    repeatPercent: number,
    private readonly log: (line: string) => void,
  ) {
    this.driver = new LoadDriver({
      baseUrl: engine.baseUrl,
      secret: BENCH_SERVICE_SECRET,
      poolId: BENCH_POOL_ID,
      repeatPercent,
    });
  }

  async warmUp(count: number): Promise<void> {
    if (count <= 0) return;
    const health = await this.driver.run({ endpoint: 'health', mode: 'closed', clients: 2, count });
    warnOnFailures('warm-up /health', health, this.log);
    const intake = await this.driver.run({ endpoint: 'intake', mode: 'closed', clients: 2, count });
    warnOnFailures('warm-up /leads', intake, this.log);
    await this.engine.caughtUp();
  }

  async measure(label: string, phase: Phase): Promise<MeasuredPhase> {
    await this.engine.caughtUp();
    const poolStreamEventsAtStart = phase.endpoint === 'intake' ? logSize(this.dataDir).poolStreamEvents : null;
    const loadAtStart = load1();
    const result = await this.driver.run(phase);
    warnOnFailures(label, result, this.log);
    let settleMs: number | null = null;
    if (phase.endpoint === 'intake') {
      const done = performance.now();
      await this.engine.caughtUp();
      settleMs = performance.now() - done;
    }
    return {
      phase,
      figures: figures(result),
      leadStatuses: result.leadStatuses,
      routingRules: result.routingRules,
      settleMs,
      poolStreamEventsAtStart,
      load1: loadAtStart,
    };
  }

  async close(): Promise<void> {
    await this.driver.stop();
    await this.engine.stop();
  }
}

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

export interface ColdStart {
  readonly healthMs: number;
  readonly readEndpoint: string;
  readonly readEndpointMs: number;
  /** Until every projection and reactor reported itself at the head. */
  readonly caughtUpMs: number;
  readonly events: number;
  readonly load1: number;
}

/** Cold start (d): spawn to the first 200 of /health and of a read endpoint, polled every 5 ms each. */
export async function measureColdStart(dataDir: string, log: (line: string) => void): Promise<ColdStart> {
  const { events } = logSize(dataDir);
  const loadAtStart = load1();
  const engine = await EngineProcess.start(dataDir);
  try {
    const readEndpoint = `/pools/${BENCH_POOL_ID}`;
    const [healthMs, readEndpointMs] = await Promise.all([
      engine.firstOk('/health'),
      engine.firstOk(readEndpoint, AUTH),
    ]);
    const { ms: caughtUpMs } = await engine.caughtUp();
    log(
      `  cold start: /health ${Math.round(healthMs)} ms, GET ${readEndpoint} ${Math.round(readEndpointMs)} ms, ` +
        `caught up ${Math.round(caughtUpMs)} ms after spawn`,
    );
    return { healthMs, readEndpoint, readEndpointMs, caughtUpMs, events, load1: loadAtStart };
  } finally {
    await engine.stop();
  }
}
