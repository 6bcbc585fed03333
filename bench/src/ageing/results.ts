import { median } from '../stats';
import type { CliRun } from './cli-process';
import type { ColdStart } from './cold-start';
import type { MeasuredPhase } from './engine-session';
import type { IdleFigures } from './idle';
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

/** One round at one client count: a closed loop of /health, then one of /leads. */
export interface ClosedRound {
  readonly health: MeasuredPhase;
  readonly intake: MeasuredPhase;
}

export interface ClosedLoops {
  readonly clients: number;
  readonly rounds: readonly ClosedRound[];
}

export interface Loops {
  readonly closed: readonly ClosedLoops[];
  readonly open: { readonly rate: number; readonly basis: string; readonly rounds: readonly MeasuredPhase[] };
}

/** The intake's rate as a share of /health's, both measured in the same round. */
export const intakeToHealth = (round: ClosedRound): number =>
  round.intake.figures.achievedPerSecond / round.health.figures.achievedPerSecond;

/** Medians over the rounds; the ratio is the median of each round's own ratio. */
export function closedSummary(loops: ClosedLoops): {
  healthPerSecond: number;
  intakePerSecond: number;
  intakeToHealth: number;
  intakeP50Ms: number;
  intakeP99Ms: number;
} {
  const of = (pick: (round: ClosedRound) => number) => median(loops.rounds.map(pick));
  return {
    healthPerSecond: of((r) => r.health.figures.achievedPerSecond),
    intakePerSecond: of((r) => r.intake.figures.achievedPerSecond),
    intakeToHealth: of(intakeToHealth),
    intakeP50Ms: of((r) => r.intake.figures.p50Ms),
    intakeP99Ms: of((r) => r.intake.figures.p99Ms),
  };
}

/** Medians over the open loop's rounds, its slowest answer and its errors in all. */
export function openSummary(open: Loops['open']): {
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
} {
  const of = (pick: (m: MeasuredPhase) => number) => median(open.rounds.map(pick));
  return {
    perSecond: of((m) => m.figures.achievedPerSecond),
    p50Ms: of((m) => m.figures.p50Ms),
    p99Ms: of((m) => m.figures.p99Ms),
    maxMs: Math.max(...open.rounds.map((m) => m.figures.maxMs)),
    errors: open.rounds.reduce((sum, m) => sum + m.figures.errors, 0),
  };
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
