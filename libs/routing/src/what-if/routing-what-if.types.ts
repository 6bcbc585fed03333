import type { PoolEvent } from '../pool/pool.events';

/** A pool event with the business day it happened on: the day the pool recorded for a decision, else its occurredAt's. */
export interface DatedPoolEvent {
  readonly event: PoolEvent;
  readonly day: string;
  readonly occurredAt: string;
}

/** One lead the pool decided about in the window: who held it at the window's end, in fact and in the what-if. */
export interface LeadWhatIf {
  readonly leadId: string;
  /** occurredAt of the pool's first decision about the lead in the window. */
  readonly arrivedAt: string;
  readonly day: string;
  /** The rep holding the lead at the end of the window; null while it waits in the queue (or was withdrawn). */
  readonly actual: string | null;
  readonly whatIf: string | null;
  readonly changed: boolean;
}

export interface CountWhatIf {
  readonly actual: number;
  readonly whatIf: number;
  /** whatIf − actual. */
  readonly difference: number;
}

export interface RepWhatIf extends CountWhatIf {
  readonly repId: string;
}

export interface RoutingWhatIfResult {
  readonly leads: readonly LeadWhatIf[];
  /** Every rep who held one of the leads in either version, by rep id. */
  readonly reps: readonly RepWhatIf[];
  readonly unassigned: CountWhatIf;
  readonly changedLeads: number;
}

/** A change that cannot take effect, with the request field it came from. */
export interface WhatIfProblem {
  readonly field: string;
  readonly problem: string;
}
