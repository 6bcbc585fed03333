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

/** Medians over measured rounds of one phase: answered/s, p50 and p99. */
export function phaseMedians(rounds: readonly MeasuredPhase[]): { perSecond: number; p50Ms: number; p99Ms: number } {
  const of = (pick: (m: MeasuredPhase) => number) => median(rounds.map(pick));
  return {
    perSecond: of((m) => m.figures.achievedPerSecond),
    p50Ms: of((m) => m.figures.p50Ms),
    p99Ms: of((m) => m.figures.p99Ms),
  };
}

/** Median over the rounds of leads/s, p50 and p99. */
export const intakeSummary = (at: IntakeAtAge) => phaseMedians(at.rounds);

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

/** Median of the engine's CPU per answer over rounds that answered something; NaN (null in JSON) if none did. */
export function cpuMedian(rounds: readonly MeasuredPhase[]): number {
  const answered = rounds.flatMap((m) => (m.engineCpuMsPerAnswer === null ? [] : [m.engineCpuMsPerAnswer]));
  return answered.length > 0 ? median(answered) : NaN;
}

/** Medians over the rounds; the ratio is the median of each round's own ratio. */
export function closedSummary(loops: ClosedLoops): {
  healthPerSecond: number;
  intakePerSecond: number;
  intakeToHealth: number;
  intakeP50Ms: number;
  intakeP99Ms: number;
  engineCpuMsPerLead: number;
  engineCpuMsPerHealth: number;
} {
  const intake = phaseMedians(loops.rounds.map((r) => r.intake));
  return {
    healthPerSecond: phaseMedians(loops.rounds.map((r) => r.health)).perSecond,
    intakePerSecond: intake.perSecond,
    intakeToHealth: median(loops.rounds.map(intakeToHealth)),
    intakeP50Ms: intake.p50Ms,
    intakeP99Ms: intake.p99Ms,
    engineCpuMsPerLead: cpuMedian(loops.rounds.map((r) => r.intake)),
    engineCpuMsPerHealth: cpuMedian(loops.rounds.map((r) => r.health)),
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
  return {
    ...phaseMedians(open.rounds),
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
