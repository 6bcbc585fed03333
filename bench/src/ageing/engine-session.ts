import { performance } from 'node:perf_hooks';
import { type PhaseFigures, figures } from '../intake/latency';
import { LoadDriver } from '../intake/load-driver';
import type { Phase, PhaseResult } from '../intake/protocol';
import { BENCH_POOL_ID } from '../intake/seed';
import { BENCH_SERVICE_SECRET } from '../log/generated-log';
import { logSize } from './data-dir';
import type { EngineProcess } from './engine-process';
import { load1 } from './load-average';
import { CLOCK_TICKS_PER_SECOND } from './proc-stats';

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
  /**
   * The engine's CPU (all its threads, user + system) from the phase's start until it was back at
   * the head, per answered request: what a lead or a /health costs the engine, whatever share of
   * the machine the load driver took. Null when nothing was answered.
   */
  readonly engineCpuMsPerAnswer: number | null;
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
    const ticksAtStart = this.engine.cpuTicks();
    const result = await this.driver.run(phase);
    warnOnFailures(label, result, this.log);
    let settleMs: number | null = null;
    if (phase.endpoint === 'intake') {
      const done = performance.now();
      await this.engine.caughtUp();
      settleMs = performance.now() - done;
    }
    const cpuMs = ((this.engine.cpuTicks() - ticksAtStart) * 1000) / CLOCK_TICKS_PER_SECOND;
    return {
      phase,
      figures: figures(result),
      leadStatuses: result.leadStatuses,
      routingRules: result.routingRules,
      settleMs,
      poolStreamEventsAtStart,
      load1: loadAtStart,
      engineCpuMsPerAnswer: result.ok > 0 ? cpuMs / result.ok : null,
    };
  }

  async close(): Promise<void> {
    await this.driver.stop();
    await this.engine.stop();
  }
}
