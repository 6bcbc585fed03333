import type { MachineInfo } from '../machine';
import type { IntakeBenchConfig } from './config';
import type { PhaseFigures } from './latency';
import type { PhaseResult } from './protocol';
import type { ReportedPhase } from './report';
import type { StoreTraffic } from './store-traffic';

/** An intake phase with what explains it: latency over the run, catch-up time and store traffic. */
export interface IntakePhase extends ReportedPhase {
  readonly result: PhaseResult;
  readonly p50ByTenth: readonly (number | null)[];
  /** From the last answer until every reactor and projection had applied the whole log. */
  readonly settleMs: number;
  readonly trafficPerLead: StoreTraffic;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const r3 = (n: number) => Math.round(n * 1000) / 1000;

const rounded = (f: PhaseFigures) => ({
  requests: f.requests,
  ok: f.ok,
  errors: f.errors,
  achievedPerSecond: r2(f.achievedPerSecond),
  p50Ms: r3(f.p50Ms),
  p90Ms: r3(f.p90Ms),
  p99Ms: r3(f.p99Ms),
  maxMs: r3(f.maxMs),
  sendLagP99Ms: r3(f.sendLagP99Ms),
});

const leadsOf = (phase: IntakePhase) => ({
  sent: phase.result.latenciesMs.length,
  repeats: phase.result.repeats,
  statuses: phase.result.leadStatuses,
  rules: phase.result.routingRules,
  poolEventsAtStart: phase.poolEventsAtStart,
  readModelsCaughtUpMsAfterLastAnswer: Math.round(phase.settleMs),
  storeTrafficPerLead: phase.trafficPerLead,
});

/** One closed-loop pair: the same number of clients on /health, then on /leads. */
export interface ClosedLoop {
  readonly clients: number;
  readonly health: ReportedPhase;
  readonly intake: IntakePhase;
}

export interface IntakeResultsInput {
  readonly openHealth: ReportedPhase;
  readonly openIntake: IntakePhase;
  readonly closedLoops: readonly ClosedLoop[];
  readonly log: { readonly events: string; readonly poolStreamEvents: number };
  readonly seed: { readonly poolId: string; readonly weights: readonly number[] };
  readonly config: IntakeBenchConfig;
  readonly machine: MachineInfo;
}

/** bench/results/intake-latest.json: the open-loop figures and ratios first, then the closed loop, the mix and the machine. */
export function intakeResultsDocument(input: IntakeResultsInput): Record<string, unknown> {
  const { openHealth, openIntake, config } = input;
  const intake = openIntake.figures;
  const health = openHealth.figures;
  return {
    openLoop: {
      offeredPerSecond: config.rate,
      seconds: config.seconds,
      intake: rounded(intake),
      health: rounded(health),
      ratios: {
        intakeP50ToHealthP50: r3(intake.p50Ms / health.p50Ms),
        intakeP99ToHealthP99: r3(intake.p99Ms / health.p99Ms),
        intakeAchievedToOffered: r3(intake.achievedPerSecond / config.rate),
        healthAchievedToOffered: r3(health.achievedPerSecond / config.rate),
      },
      intakeP50ByTenthMs: openIntake.p50ByTenth.map((p) => (p === null ? null : r3(p))),
    },
    closedLoops: input.closedLoops.map(({ clients, health: h, intake: i }) => ({
      clients,
      requests: config.closedCount,
      intake: rounded(i.figures),
      health: rounded(h.figures),
      intakeToHealthThroughput: r3(i.figures.achievedPerSecond / h.figures.achievedPerSecond),
    })),
    leads: {
      open: leadsOf(openIntake),
      closed: input.closedLoops.map(({ clients, intake: i }) => ({ clients, ...leadsOf(i) })),
    },
    log: input.log,
    seed: input.seed,
    config: {
      rate: config.rate,
      seconds: config.seconds,
      repeatPercent: config.repeatPercent,
      clients: config.clients,
      closedCount: config.closedCount,
      warmup: config.warmup,
    },
    machine: input.machine,
    finishedAt: new Date().toISOString(),
  };
}
