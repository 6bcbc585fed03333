import type { CachedLogs } from '../log/cache';
import type { MachineInfo } from '../machine';
import type { AgeingConfig } from './config';
import type { MeasuredPhase } from './engine-session';
import { type AgeingResults, closedSummary, intakeSummary, intakeToHealth, openSummary } from './results';
import { targets } from './targets';

const r2 = (n: number) => Math.round(n * 100) / 100;

/** Every figure of a summary to two decimals. */
const rounded = <T extends Record<string, number>>(figures: T): T =>
  Object.fromEntries(Object.entries(figures).map(([name, value]) => [name, r2(value)])) as T;

export const phaseFigures = (m: MeasuredPhase) => ({
  phase: m.phase,
  requests: m.figures.requests,
  ok: m.figures.ok,
  errors: m.figures.errors,
  perSecond: r2(m.figures.achievedPerSecond),
  p50Ms: r2(m.figures.p50Ms),
  p90Ms: r2(m.figures.p90Ms),
  p99Ms: r2(m.figures.p99Ms),
  maxMs: r2(m.figures.maxMs),
  sendLagP99Ms: r2(m.figures.sendLagP99Ms),
  leadStatuses: m.leadStatuses,
  routingRules: m.routingRules,
  settleMs: m.settleMs === null ? null : Math.round(m.settleMs),
  poolStreamEventsAtStart: m.poolStreamEventsAtStart,
  load1: m.load1,
  engineCpuMsPerAnswer: m.engineCpuMsPerAnswer === null ? null : r2(m.engineCpuMsPerAnswer),
});

export function resultsDocument(input: {
  config: AgeingConfig;
  machine: MachineInfo;
  logs: CachedLogs;
  results: Partial<AgeingResults>;
  failures: ReadonlyArray<{ phase: string; error: string }>;
  startedAt: Date;
  load: { atStart: number; atEnd: number };
}): Record<string, unknown> {
  const { config, machine, logs, results } = input;
  const intake = results.intake ?? [];
  const fresh = intake.find((i) => i.name === 'fresh');
  const baseline = fresh ? intakeSummary(fresh).perSecond : null;
  return {
    targets: targets(results),
    failures: input.failures,
    intake: intake.length
      ? {
          baselineLeadsPerSecond: baseline === null ? null : r2(baseline),
          byLog: intake.map((i) => ({
            name: i.name,
            events: i.events,
            poolStreamEvents: i.poolStreamEvents,
            catchUpMs: Math.round(i.catchUpMs),
            ratioToFresh: baseline ? Math.round((intakeSummary(i).perSecond / baseline) * 1000) / 1000 : null,
            median: rounded(intakeSummary(i)),
            rounds: i.rounds.map(phaseFigures),
          })),
        }
      : null,
    idle: results.idle ?? null,
    firstStartOnFullLog: results.firstStart ?? null,
    loops: results.loops
      ? {
          closed: results.loops.closed.map((c) => ({
            clients: c.clients,
            median: rounded(closedSummary(c)),
            rounds: c.rounds.map((r) => ({
              health: phaseFigures(r.health),
              intake: phaseFigures(r.intake),
              intakeToHealth: r2(intakeToHealth(r)),
            })),
          })),
          open: {
            rate: results.loops.open.rate,
            basis: results.loops.open.basis,
            ...(({ maxMs, errors, ...medians }) => ({ median: rounded(medians), maxMs: r2(maxMs), errors }))(
              openSummary(results.loops.open),
            ),
            rounds: results.loops.open.rounds.map(phaseFigures),
          },
        }
      : null,
    coldStart: results.coldStart ?? null,
    cli: results.cli
      ? {
          events: results.cli.events,
          rebuild: {
            ...results.cli.rebuild,
            eventsPerSecond: Math.round(results.cli.events / results.cli.rebuild.seconds),
          },
          verify: results.cli.verify,
        }
      : null,
    store: results.store ?? null,
    log: {
      key: logs.key,
      dir: logs.dir,
      builtNow: logs.builtNow,
      params: logs.params,
      build: logs.build,
    },
    config: { ...config, phases: [...config.phases] },
    machine,
    load1: input.load,
    startedAt: input.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
}
