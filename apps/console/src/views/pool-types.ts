/** The pool answers the console reads (docs/api.md, "Pools"). */
export interface PoolMember {
  readonly repId: string;
  readonly weight: number;
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
  readonly paused: boolean;
  readonly pausedBecause: string | null;
  readonly assignedToday: number;
  readonly assignedThisMonth: number;
}

export interface Pool {
  readonly poolId: string;
  readonly name: string;
  readonly strategy: string;
  readonly acceptanceSlaMinutes: number;
  readonly members: readonly PoolMember[];
  readonly queuedLeads: readonly { leadId: string }[];
}

export type SkipReason = 'passed-over' | 'paused' | 'daily-cap' | 'monthly-cap';

export interface Fairness {
  readonly from: string;
  readonly to: string;
  readonly leadsRouted: number;
  readonly members: readonly {
    repId: string;
    leadsDue: number;
    leadsGiven: number;
    deficit: number;
    skips: Record<SkipReason, number>;
  }[];
  readonly largestDeficit: { repId: string; deficit: number } | null;
}

/** One row of GET /pools. */
export interface PoolSummary {
  readonly poolId: string;
  readonly name: string;
  readonly members: number;
}
