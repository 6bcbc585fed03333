import { join } from 'node:path';
import { poolStreamId } from '@leadledger/routing';
import { machineInfo } from '../machine';
import { writeJson } from '../results';
import { seconds } from '../stats';
import { withTempDir } from '../temp-dir';
import { readIntakeConfig } from './config';
import { type BenchEngine, startBenchEngine } from './engine';
import { figures, p50ByTenth } from './latency';
import { LoadDriver } from './load-driver';
import type { Phase, PhaseResult } from './protocol';
import { type ReportedPhase, describeSetup, ms, perSecond, phaseTable, ratio } from './report';
import { type ClosedLoop, type IntakePhase, intakeResultsDocument } from './results';
import { BENCH_MEMBERS, BENCH_POOL_ID, seedRepsAndPool } from './seed';
import { type StoreTraffic, countStoreTraffic, trafficPer } from './store-traffic';

function warnOnFailures(label: string, result: PhaseResult): void {
  const failed = Object.entries(result.failures);
  if (failed.length === 0) return;
  console.log(`WARNING: ${label}: ${failed.map(([status, n]) => `${n} x ${status}`).join(', ')}`);
  for (const sample of result.failureSamples) console.log(`  ${sample}`);
}

const counts = (record: Readonly<Record<string, number>>) =>
  Object.entries(record)
    .map(([key, n]) => `${key} ${n}`)
    .join(', ') || 'none';

function describeTraffic(label: string, traffic: StoreTraffic): string {
  return [
    `${label}, per lead: stream reads ${counts(traffic.streamReads)}`,
    `  events read ${counts(traffic.eventsRead)}`,
    `  appends ${counts(traffic.appends)}; lost races (re-read and retried) ${counts(traffic.lostRaces)}`,
  ].join('\n');
}

/** Runs the phases in order on one engine: warm-up, open loop (/health, then /leads), closed loop (same). */
class Session {
  private readonly traffic: ReturnType<typeof countStoreTraffic>;

  constructor(
    private readonly engine: BenchEngine,
    private readonly driver: LoadDriver,
  ) {
    this.traffic = countStoreTraffic(engine.store);
  }

  async run(label: string, phase: Phase): Promise<PhaseResult> {
    const result = await this.driver.run(phase);
    warnOnFailures(label, result);
    return result;
  }

  async health(phase: Phase): Promise<ReportedPhase> {
    await this.engine.settle();
    const result = await this.run(`${phase.mode}-loop /health`, phase);
    return { name: 'GET /health', phase, figures: figures(result), poolEventsAtStart: null };
  }

  /** Settling afterwards belongs to the phase: the intake reactor and the projections finish its leads then. */
  async intake(phase: Phase): Promise<IntakePhase> {
    await this.engine.settle();
    const poolEventsAtStart = (await this.engine.store.readStream(poolStreamId(BENCH_POOL_ID))).length;
    const before = this.traffic.snapshot();
    const result = await this.run(`${phase.mode}-loop /leads`, phase);
    const settleStart = process.hrtime.bigint();
    await this.engine.settle();
    const settleMs = seconds(settleStart) * 1000;
    return {
      name: 'POST /leads',
      phase,
      figures: figures(result),
      poolEventsAtStart,
      result,
      p50ByTenth: p50ByTenth(result),
      settleMs,
      trafficPerLead: trafficPer(before, this.traffic.snapshot(), result.latenciesMs.length),
    };
  }
}

function report(
  rate: number,
  openHealth: ReportedPhase,
  openIntake: IntakePhase,
  closedLoops: readonly ClosedLoop[],
  log: { events: string; poolStreamEvents: number },
): void {
  console.log('');
  console.log(phaseTable([openHealth, openIntake, ...closedLoops.flatMap((loop) => [loop.health, loop.intake])]));
  console.log('');
  const [health, intake] = [openHealth.figures, openIntake.figures];
  console.log(
    `open loop at ${rate}/s: intake p50 / health p50 = ${ratio(intake.p50Ms / health.p50Ms)}, ` +
      `intake p99 / health p99 = ${ratio(intake.p99Ms / health.p99Ms)}; ` +
      `answered / offered: intake ${ratio(intake.achievedPerSecond / rate)}, health ${ratio(health.achievedPerSecond / rate)}`,
  );
  console.log(
    `load generator lateness (p99 of actual minus intended send): health ${ms(health.sendLagP99Ms)} ms, intake ${ms(intake.sendLagP99Ms)} ms`,
  );
  console.log(`intake p50 by tenth of the open loop (ms): ${openIntake.p50ByTenth.map(ms).join(', ')}`);
  for (const { clients, health: h, intake: i } of closedLoops) {
    console.log(
      `closed loop, ${clients} clients: intake ${perSecond(i.figures.achievedPerSecond)} leads/s, ` +
        `health ${perSecond(h.figures.achievedPerSecond)} req/s, intake/health = ${ratio(i.figures.achievedPerSecond / h.figures.achievedPerSecond)}`,
    );
  }
  const mix = openIntake.result;
  console.log(
    `open-loop leads: ${mix.repeats} of ${openIntake.figures.requests} reused an earlier phone; ` +
      `answers: ${counts(mix.leadStatuses)}; rules: ${counts(mix.routingRules)}`,
  );
  console.log(
    `reactors and read models caught up ${Math.round(openIntake.settleMs)} ms after the last open-loop answer`,
  );
  console.log(describeTraffic('open-loop store traffic', openIntake.trafficPerLead));
  for (const { clients, intake: i } of closedLoops) {
    console.log(describeTraffic(`closed-loop (${clients} clients) store traffic`, i.trafficPerLead));
  }
  console.log(`log: ${log.events} events, pool stream ${log.poolStreamEvents} events`);
}

/**
 * `npm run bench:intake`: the real engine on this thread, its clients on a worker thread,
 * real HTTP on 127.0.0.1 between them. Writes bench/results/intake-latest.json.
 */
async function main(): Promise<void> {
  const config = readIntakeConfig();
  const machine = machineInfo(config.tempBase);
  console.log(describeSetup(config, machine));
  if (typeof machine.disk !== 'string' && machine.disk.type === 'tmpfs') {
    console.log('WARNING: the data directory is on tmpfs, where fsync costs nothing; set BENCH_TMPDIR to a real disk.');
  }

  const document = await withTempDir(config.tempBase, 'intake', async (dir) => {
    const engine = await startBenchEngine(dir);
    const driver = new LoadDriver({
      baseUrl: engine.baseUrl,
      secret: engine.secret,
      poolId: BENCH_POOL_ID,
      repeatPercent: config.repeatPercent,
    });
    try {
      await seedRepsAndPool(engine.store, engine.config.timeZone);
      const session = new Session(engine, driver);
      if (config.warmup > 0) {
        await session.run('warm-up /health', { endpoint: 'health', mode: 'closed', clients: 2, count: config.warmup });
        await session.run('warm-up /leads', { endpoint: 'intake', mode: 'closed', clients: 2, count: config.warmup });
      }
      console.log(`engine on ${engine.baseUrl}, seeded and warmed up`);

      const open = { mode: 'open', rate: config.rate, seconds: config.seconds } as const;
      const openHealth = await session.health({ endpoint: 'health', ...open });
      const openIntake = await session.intake({ endpoint: 'intake', ...open });
      console.log('open loop done');
      const closedLoops: ClosedLoop[] = [];
      for (const clients of config.closedCount > 0 ? config.clients : []) {
        const closed = { mode: 'closed', clients, count: config.closedCount } as const;
        const health = await session.health({ endpoint: 'health', ...closed });
        const intake = await session.intake({ endpoint: 'intake', ...closed });
        closedLoops.push({ clients, health, intake });
        console.log(`closed loop with ${clients} clients done`);
      }
      const log = {
        events: (await engine.store.headPosition()).toString(),
        poolStreamEvents: (await engine.store.readStream(poolStreamId(BENCH_POOL_ID))).length,
      };
      report(config.rate, openHealth, openIntake, closedLoops, log);
      return intakeResultsDocument({
        openHealth,
        openIntake,
        closedLoops,
        log,
        seed: { poolId: BENCH_POOL_ID, weights: BENCH_MEMBERS.map((m) => m.weight) },
        config,
        machine,
      });
    } finally {
      await driver.stop();
      await engine.close();
    }
  });

  const out = join(process.cwd(), 'bench', 'results', 'intake-latest.json');
  writeJson(out, document);
  console.log(`\nwrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
