import type { CachedLogs } from '../log/cache';
import type { MachineInfo } from '../machine';
import { markdownTable } from '../markdown-table';
import type { CliRun } from './cli-process';
import type { AgeingConfig } from './config';
import type { ColdStart, IdleFigures, MeasuredPhase } from './sessions';
import { median } from '../stats';
import type { StoreReadsResult } from './store-reads';

export interface IntakeAtAge {
  readonly name: string;
  readonly events: number;
  readonly poolStreamEvents: number;
  /** Spawn to every read model and reactor at the head (the read models start empty: a catch-up). */
  readonly catchUpMs: number;
  /** One closed loop per round. */
  readonly rounds: readonly MeasuredPhase[];
}

/** Median over the rounds of leads/s, p50 and p99. */
export function intakeSummary(at: IntakeAtAge): { perSecond: number; p50Ms: number; p99Ms: number } {
  const of = (pick: (m: MeasuredPhase) => number) => median(at.rounds.map(pick));
  return {
    perSecond: of((m) => m.figures.achievedPerSecond),
    p50Ms: of((m) => m.figures.p50Ms),
    p99Ms: of((m) => m.figures.p99Ms),
  };
}

export interface Loops {
  readonly closed: Array<{ clients: number; health: MeasuredPhase; intake: MeasuredPhase }>;
  readonly open: { readonly rate: number; readonly basis: string; readonly measured: MeasuredPhase };
}

export interface AgeingResults {
  store: StoreReadsResult;
  intake: readonly IntakeAtAge[];
  firstStart: { caughtUpMs: number; events: number; load1: number };
  idle: IdleFigures;
  loops: Loops;
  coldStart: ColdStart;
  cli: { events: number; rebuild: CliRun; verify: CliRun };
}

export interface Target {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
  readonly before: string;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const x = (n: number) => `${n.toFixed(2)}x`;

/** The issue's targets, for whichever phases ran. */
function targets(results: Partial<AgeingResults>): Target[] {
  const out: Target[] = [];
  const intake = results.intake ?? [];
  const fresh = intake.find((i) => i.name === 'fresh');
  const baseline = fresh ? intakeSummary(fresh).perSecond : NaN;
  for (const aged of intake.filter((i) => i !== fresh)) {
    const ratio = intakeSummary(aged).perSecond / baseline;
    out.push({
      target: `intake at ${aged.name} (${aged.events} events) >= 0.8x fresh`,
      measured: x(ratio),
      met: ratio >= 0.8,
      before: aged.name.startsWith('5000')
        ? '0.07x (3.8 / 51.6 leads/s)'
        : aged.name.startsWith('20000')
          ? '0.01x (0.59 / 51.6)'
          : '-',
    });
  }
  if (results.idle) {
    const idle = results.idle;
    out.push({
      target: 'idle engine on the full log <= 2% of a core',
      measured: `${idle.cpuPercentOfOneCore.toFixed(2)}%`,
      met: idle.cpuPercentOfOneCore <= 2,
      before: '99.5% at 552k events',
    });
    out.push({
      target: 'idle /health p99 <= 20 ms',
      measured: `${idle.health.p99Ms.toFixed(2)} ms`,
      met: idle.health.p99Ms <= 20,
      before: '277 ms at 552k events',
    });
  }
  if (results.loops) {
    const closed = results.loops.closed;
    const largest = closed.at(-1);
    if (largest) {
      const ratio = largest.intake.figures.achievedPerSecond / largest.health.figures.achievedPerSecond;
      out.push({
        target: `closed loop, ${largest.clients} clients: intake >= 0.25x /health of the same run`,
        measured: `${x(ratio)} (${largest.intake.figures.achievedPerSecond.toFixed(1)} / ${Math.round(largest.health.figures.achievedPerSecond)})`,
        met: ratio >= 0.25,
        before: '~0.01x',
      });
    }
    const rates = closed.map((c) => c.intake.figures.achievedPerSecond);
    const monotone = rates.every((r, i) => i === 0 || r >= rates[i - 1]);
    out.push({
      target: `more clients never fewer leads/s (${closed.map((c) => c.clients).join(', ')} clients)`,
      measured: rates.map((r) => r.toFixed(1)).join(' / '),
      met: monotone,
      before: '24.4 / 15.9 leads/s at 1 / 8 clients (intake bench)',
    });
    const open = results.loops.open;
    out.push({
      target: `open loop at ${open.rate}/s (${open.basis}): p99 <= 50 ms`,
      measured: `${open.measured.figures.p99Ms.toFixed(1)} ms, ${open.measured.figures.errors} errors`,
      met: open.measured.figures.p99Ms <= 50 && open.measured.figures.errors === 0,
      before: '-',
    });
  }
  if (results.cli) {
    const { events, rebuild, verify } = results.cli;
    const rate = events / rebuild.seconds;
    out.push({
      target: 'rebuild >= 50k events/s',
      measured: `${Math.round(rate).toLocaleString('en-US')} events/s${rebuild.exitCode === 0 ? '' : ` (exit ${rebuild.exitCode})`}`,
      met: rate >= 50_000 && rebuild.exitCode === 0,
      before: '~5k/s (552k events in 111-117 s)',
    });
    const peakMB = (verify.peakRssMiB * 2 ** 20) / 1e6;
    out.push({
      target: 'verify peak memory <= 300 MB',
      measured: `${Math.round(peakMB)} MB (${Math.round(verify.peakRssMiB)} MiB)${verify.exitCode === 0 ? '' : `, exit ${verify.exitCode}`}`,
      met: peakMB <= 300 && verify.exitCode === 0,
      before: '1.8 GB',
    });
  }
  if (results.coldStart) {
    const c = results.coldStart;
    const worst = Math.max(c.healthMs, c.readEndpointMs);
    out.push({
      target: 'cold start to first 200 of /health and a read endpoint <= 3 s',
      measured: `${(c.healthMs / 1000).toFixed(2)} s / ${(c.readEndpointMs / 1000).toFixed(2)} s`,
      met: worst <= 3000,
      before: '-',
    });
  }
  return out;
}

const phaseFigures = (m: MeasuredPhase) => ({
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
            median: (({ perSecond, p50Ms, p99Ms }) => ({
              perSecond: r2(perSecond),
              p50Ms: r2(p50Ms),
              p99Ms: r2(p99Ms),
            }))(intakeSummary(i)),
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
            health: phaseFigures(c.health),
            intake: phaseFigures(c.intake),
            intakeToHealth: r2(c.intake.figures.achievedPerSecond / c.health.figures.achievedPerSecond),
          })),
          open: {
            rate: results.loops.open.rate,
            basis: results.loops.open.basis,
            ...phaseFigures(results.loops.open.measured),
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

const f1 = (n: number) => n.toFixed(1);

export function printReport(document: Record<string, unknown>, log: (line: string) => void): void {
  const d = document as {
    targets: Target[];
    intake: {
      byLog: Array<{
        name: string;
        events: number;
        poolStreamEvents: number;
        catchUpMs: number;
        ratioToFresh: number | null;
        median: { perSecond: number; p50Ms: number; p99Ms: number };
      }>;
    } | null;
    loops: {
      closed: Array<{
        clients: number;
        health: ReturnType<typeof phaseFigures>;
        intake: ReturnType<typeof phaseFigures>;
        intakeToHealth: number;
      }>;
      open: ReturnType<typeof phaseFigures> & { rate: number; basis: string };
    } | null;
    store: StoreReadsResult | null;
  };
  log('');
  if (d.intake) {
    log(
      markdownTable(
        ['log', 'events', 'pool stream', 'catch-up s', 'leads/s', 'p50 ms', 'p99 ms', 'vs fresh'],
        d.intake.byLog.map((i) => [
          i.name,
          String(i.events),
          String(i.poolStreamEvents),
          (i.catchUpMs / 1000).toFixed(1),
          f1(i.median.perSecond),
          f1(i.median.p50Ms),
          f1(i.median.p99Ms),
          i.ratioToFresh === null ? '-' : x(i.ratioToFresh),
        ]),
      ),
    );
    log('');
  }
  if (d.loops) {
    log(
      markdownTable(
        ['clients', '/health req/s', '/leads leads/s', 'intake/health', 'leads p50 ms', 'leads p99 ms'],
        d.loops.closed.map((c) => [
          String(c.clients),
          String(Math.round(c.health.perSecond)),
          f1(c.intake.perSecond),
          x(c.intakeToHealth),
          f1(c.intake.p50Ms),
          f1(c.intake.p99Ms),
        ]),
      ),
    );
    const o = d.loops.open;
    log(
      `open loop: ${o.rate} leads/s offered (${o.basis}), answered ${f1(o.perSecond)}/s, p50 ${f1(o.p50Ms)} ms, p99 ${f1(o.p99Ms)} ms, max ${f1(o.maxMs)} ms, errors ${o.errors}`,
    );
    log('');
  }
  if (d.store) {
    log(
      markdownTable(
        ['store read', 'events', 'ours ms', 'raw ms', 'ours/raw'],
        d.store.figures.map((f) => [
          f.detail,
          String(f.events),
          f.oursMsPerPass.toFixed(2),
          f.rawMsPerPass.toFixed(2),
          x(f.oursToRaw),
        ]),
      ),
    );
    log('');
  }
  for (const f of (document.failures as Array<{ phase: string; error: string }>) ?? []) {
    log(`FAILED phase ${f.phase}: ${f.error.split('\n')[0]}`);
  }
  for (const t of d.targets) {
    log(`${t.met ? 'met    ' : 'MISSED '} ${t.target}: ${t.measured} (before: ${t.before})`);
  }
}
