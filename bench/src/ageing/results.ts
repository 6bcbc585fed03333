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
