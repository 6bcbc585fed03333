import type { Rotation } from '../smooth-weighted-round-robin';

/** Stream of one pool: `pool-<poolId>`. Rotation state lives here, so concurrent arrivals are serialised. */
export const poolStreamId = (poolId: string): string => `pool-${poolId}`;

export const POOL_STRATEGIES = ['smooth-weighted-round-robin', 'least-assigned'] as const;
export type PoolStrategy = (typeof POOL_STRATEGIES)[number];
/** 'passed-over': the member already declined this lead or let its acceptance SLA run out (re-routes only). */
export type MemberSkipReason = 'passed-over' | 'paused' | 'daily-cap' | 'monthly-cap';
export type MemberRemovalReason = 'removed' | 'departed';

export interface PoolCreated {
  readonly type: 'PoolCreated';
  readonly data: {
    readonly poolId: string;
    readonly name: string;
    readonly strategy: PoolStrategy;
    readonly acceptanceSlaMinutes: number;
    readonly protectionDays: number;
    readonly protectionWarningDays: number;
  };
}

export interface PoolMemberAdded {
  readonly type: 'PoolMemberAdded';
  readonly data: {
    readonly poolId: string;
    readonly repId: string;
    readonly weight: number;
    readonly dailyCap: number | null;
    readonly monthlyCap: number | null;
  };
}

export interface PoolMemberRemoved {
  readonly type: 'PoolMemberRemoved';
  readonly data: { readonly poolId: string; readonly repId: string; readonly reason: MemberRemovalReason };
}

export interface PoolMemberPaused {
  readonly type: 'PoolMemberPaused';
  /** reason: free text from the manager, e.g. 'leave' or 'out of office'. */
  readonly data: { readonly poolId: string; readonly repId: string; readonly reason: string };
}

export interface PoolMemberResumed {
  readonly type: 'PoolMemberResumed';
  readonly data: { readonly poolId: string; readonly repId: string };
}

export interface PoolMemberWeightChanged {
  readonly type: 'PoolMemberWeightChanged';
  readonly data: { readonly poolId: string; readonly repId: string; readonly weight: number };
}

export interface PoolMemberCapsChanged {
  readonly type: 'PoolMemberCapsChanged';
  readonly data: {
    readonly poolId: string;
    readonly repId: string;
    readonly dailyCap: number | null;
    readonly monthlyCap: number | null;
  };
}

/** One member as the router saw it, and why it was passed over. */
export interface RoutingCandidate {
  readonly repId: string;
  readonly weight: number;
  readonly eligible: boolean;
  readonly skippedBecause: MemberSkipReason | null;
  readonly assignedToday: number;
  readonly assignedThisMonth: number;
  /** Pool-wide sequence number of the member's last lead; null if never assigned. */
  readonly lastAssignment: number | null;
}

/**
 * Why a lead went where it went. `policyVersion` counts configuration events (PoolCreated = 1),
 * so a trace names the configuration it was decided under. The rotation is, for
 * smooth-weighted-round-robin, each member's credit; for least-assigned, each member's
 * assignments on the routing day. `chosen` is null when nobody was eligible.
 */
export interface RoutingTrace {
  readonly strategy: PoolStrategy;
  readonly policyVersion: number;
  readonly candidates: readonly RoutingCandidate[];
  readonly rotationBefore: Rotation;
  readonly rotationAfter: Rotation;
  readonly chosen: string | null;
}

export interface PoolLeadAssigned {
  readonly type: 'PoolLeadAssigned';
  readonly data: {
    readonly poolId: string;
    readonly leadId: string;
    readonly repId: string;
    /** Business day and month of the assignment, 'YYYY-MM-DD' and 'YYYY-MM', in the pool's time zone. */
    readonly day: string;
    readonly month: string;
    /** Pool-wide sequence number of this assignment, 1-based; the least-assigned tie-break uses it. */
    readonly sequence: number;
    /** True when the lead had waited in the unassigned queue. */
    readonly fromQueue: boolean;
    /** True when a RerouteLead moved it on from reps who declined it or let the SLA run out; false otherwise. */
    readonly rerouted: boolean;
    readonly trace: RoutingTrace;
  };
}

export interface PoolLeadQueued {
  readonly type: 'PoolLeadQueued';
  readonly data: {
    readonly poolId: string;
    readonly leadId: string;
    readonly day: string;
    readonly month: string;
    /**
     * Reps this lead must not go to, from a re-route (empty otherwise). The queue keeps them, so a
     * drain never hands the lead back to a rep who declined it; a claim by one of them is allowed.
     */
    readonly passedOver: readonly string[];
    /** Every candidate with the reason it was skipped. */
    readonly trace: RoutingTrace;
  };
}

/** A rep took a lead waiting in the queue; the first claim wins because the pool's stream serialises them. */
export interface PoolQueuedLeadClaimed {
  readonly type: 'PoolQueuedLeadClaimed';
  readonly data: { readonly poolId: string; readonly leadId: string; readonly repId: string };
}

/** A queued lead left the queue without a rep, e.g. disqualified: it is never drained to anyone. */
export interface PoolQueuedLeadWithdrawn {
  readonly type: 'PoolQueuedLeadWithdrawn';
  readonly data: { readonly poolId: string; readonly leadId: string; readonly reason: string };
}

export type PoolConfigurationEvent =
  | PoolCreated
  | PoolMemberAdded
  | PoolMemberRemoved
  | PoolMemberPaused
  | PoolMemberResumed
  | PoolMemberWeightChanged
  | PoolMemberCapsChanged;

export type PoolEvent =
  PoolConfigurationEvent | PoolLeadAssigned | PoolLeadQueued | PoolQueuedLeadClaimed | PoolQueuedLeadWithdrawn;

/** Every pool event type, for projections and subscribers that pick them out of the log. */
export const POOL_EVENT_TYPES = [
  'PoolCreated',
  'PoolMemberAdded',
  'PoolMemberRemoved',
  'PoolMemberPaused',
  'PoolMemberResumed',
  'PoolMemberWeightChanged',
  'PoolMemberCapsChanged',
  'PoolLeadAssigned',
  'PoolLeadQueued',
  'PoolQueuedLeadClaimed',
  'PoolQueuedLeadWithdrawn',
] as const satisfies readonly PoolEvent['type'][];
// Fails to compile when an event type is missing from the list above.
const _everyPoolEventListed: Exclude<PoolEvent['type'], (typeof POOL_EVENT_TYPES)[number]> extends never
  ? true
  : never = true;
