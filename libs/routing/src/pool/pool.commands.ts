import type { MemberRemovalReason, PoolCreated } from './pool.events';

/**
 * The business day and month the command happens in, 'YYYY-MM-DD' and 'YYYY-MM', computed by
 * the caller from occurredAt in the configured time zone so the decider stays pure. Caps
 * count per day and month. Commands that can make a member eligible carry it, because they
 * drain the unassigned queue in the same decision.
 */
export interface BusinessDay {
  readonly day: string;
  readonly month: string;
}

/** Carries exactly the settings PoolCreated records. */
export interface CreatePool extends Readonly<PoolCreated['data']> {
  readonly kind: 'CreatePool';
}

export interface AddMember extends BusinessDay {
  readonly kind: 'AddMember';
  readonly poolId: string;
  readonly repId: string;
  readonly weight: number;
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
}

/** reason 'departed' when the rep left the company: removed reps are never chosen again. */
export interface RemoveMember {
  readonly kind: 'RemoveMember';
  readonly poolId: string;
  readonly repId: string;
  readonly reason: MemberRemovalReason;
}

export interface PauseMember {
  readonly kind: 'PauseMember';
  readonly poolId: string;
  readonly repId: string;
  readonly reason: string;
}

export interface ResumeMember extends BusinessDay {
  readonly kind: 'ResumeMember';
  readonly poolId: string;
  readonly repId: string;
}

export interface ChangeWeight extends BusinessDay {
  readonly kind: 'ChangeWeight';
  readonly poolId: string;
  readonly repId: string;
  readonly weight: number;
}

export interface ChangeCaps extends BusinessDay {
  readonly kind: 'ChangeCaps';
  readonly poolId: string;
  readonly repId: string;
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
}

export interface RouteLead extends BusinessDay {
  readonly kind: 'RouteLead';
  readonly poolId: string;
  readonly leadId: string;
}

/**
 * Moves a lead on from the reps in `passedOver` (they declined it or let the acceptance SLA run
 * out) to the next eligible member, by the same rotation, caps and tallies as RouteLead; when
 * nobody else is eligible it waits in the queue, still never to go to a passed-over rep.
 * Idempotent: a retry finds the lead already with a rep outside `passedOver`.
 */
export interface RerouteLead extends BusinessDay {
  readonly kind: 'RerouteLead';
  readonly poolId: string;
  readonly leadId: string;
  readonly passedOver: readonly string[];
}

/** A rep takes a lead waiting in the queue; they need not be a member. */
export interface ClaimQueuedLead {
  readonly kind: 'ClaimQueuedLead';
  readonly poolId: string;
  readonly leadId: string;
  readonly repId: string;
}

/** Takes a queued lead out of the queue without a rep (e.g. it was disqualified); nothing if it is not queued. */
export interface WithdrawQueuedLead {
  readonly kind: 'WithdrawQueuedLead';
  readonly poolId: string;
  readonly leadId: string;
  readonly reason: string;
}

/** Assigns queued leads, oldest first, while a member is eligible: e.g. when a new day resets the caps. */
export interface DrainQueue extends BusinessDay {
  readonly kind: 'DrainQueue';
  readonly poolId: string;
}

export type PoolCommand =
  | CreatePool
  | AddMember
  | RemoveMember
  | PauseMember
  | ResumeMember
  | ChangeWeight
  | ChangeCaps
  | RouteLead
  | RerouteLead
  | ClaimQueuedLead
  | WithdrawQueuedLead
  | DrainQueue;
