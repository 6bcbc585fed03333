import {
  type CustomerEvent,
  type CustomerState,
  customerStreamId,
  evolveCustomer,
  initialCustomerState,
} from '@leadledger/customers';
import type { EventStore, StoredEvent } from '@leadledger/event-store';
import {
  type AssignmentTrace,
  type LeadEvent,
  type LeadReceivedData,
  leadStreamId,
  replayLeadRoute,
} from '@leadledger/leads';
import { type ReplayDifference, type RoutingTrace, replayPoolDecision } from '@leadledger/routing';
import { poolStateBefore } from './pool-state-before';

/** Rules a person applied (a claim, a hand-off, a manager's routing): their actor and reason are the decision. */
const DECIDED_BY_A_PERSON = new Set<AssignmentTrace['rule']>(['claim', 'hand-off', 'manager-routing']);

export interface AssignmentReplay {
  readonly leadId: string;
  readonly assignment: number;
  readonly recorded: {
    readonly repId: string;
    readonly rule: AssignmentTrace['rule'];
    readonly occurredAt: string;
    readonly position: string;
    readonly actorId: string;
    readonly reason: string | null;
  };
  /**
   * What the rules give when run again on the log up to the event before it, with the pool's
   * recomputed trace (every member's weight, eligibility, skip reason, counts and credits) where
   * a pool chose; null when a person decided.
   */
  readonly replayed: { readonly rule: string; readonly repId: string | null; readonly poolTrace?: RoutingTrace } | null;
  /** null when a person decided: there is nothing to recompute. */
  readonly identical: boolean | null;
  readonly differences: readonly ReplayDifference[];
  /** The inputs the replay used, as the log had them then. */
  readonly inputs: {
    readonly lead: Pick<LeadReceivedData, 'channel' | 'receivedBy' | 'poolId'>;
    readonly customer: {
      readonly customerId: string;
      readonly ownerId: string | null;
      readonly protectedUntil: string | null;
    } | null;
    readonly pool: {
      readonly poolId: string;
      readonly eventsReplayed: number;
      readonly policyVersion: number | null;
    } | null;
  };
}

/** The owner a pool-chosen lead follows: one who did not pass on this very lead (they keep the customer only). */
function ownerFollowed(ownerId: string | undefined, pool: RoutingTrace): string | null {
  if (ownerId === undefined) return null;
  const passedOver = pool.candidates.some((c) => c.repId === ownerId && c.skippedBecause === 'passed-over');
  return passedOver ? null : ownerId;
}

const asLeadEvent = (event: StoredEvent) => ({ type: event.type, data: event.data }) as unknown as LeadEvent;

/**
 * The customer as the routing saw it: its events recorded before the assignment, up to the first
 * ownership this lead gave after its previous assignment (`after`; the ownership the decision
 * itself gave is its outcome, not its input).
 */
async function customerBefore(
  store: EventStore,
  customerId: string,
  leadId: string,
  position: bigint,
  after: bigint,
): Promise<CustomerState> {
  let state = initialCustomerState;
  // Equivalent mutants: `>` for `>=` (the event at `position` is the assignment, in the lead's
  // stream), and the type check as `true`: the only other event naming this lead is a key it added,
  // and intake adds its keys and then routes, so stopping at the key leaves the same state.
  for (const event of await store.readStream(customerStreamId(customerId))) {
    const givenByThisLead = event.type === 'OwnershipAssigned' && event.data.leadId === leadId;
    if (event.position >= position || (givenByThisLead && event.position > after)) break;
    state = evolveCustomer(state, { type: event.type, data: event.data } as unknown as CustomerEvent);
  }
  return state;
}

/**
 * A lead's n-th assignment (1 = the first) decided again from the log up to the event before it:
 * the routing rules on the lead as received and the customer as it was, and for a pool the
 * pool's rotation on the pool as its earlier events leave it. Null when the lead has no such
 * assignment. Reads only the lead's, its customer's and its pool's streams, so it runs the same
 * on the engine's store and on an exported log imported into a scratch one.
 */
export async function replayAssignment(
  store: EventStore,
  leadId: string,
  assignment: number,
): Promise<AssignmentReplay | null> {
  const events = await store.readStream(leadStreamId(leadId));
  const assignments = events.filter((event) => event.type === 'LeadAssigned');
  const stored = assignments[assignment - 1];
  const event = stored && asLeadEvent(stored);
  // Equivalent mutant: the type check as `false` (`stored` is a LeadAssigned: the check narrows the type).
  if (!event || event.type !== 'LeadAssigned') return null;
  const previous = assignment > 1 ? assignments[assignment - 2].position : -1n;
  const received = asLeadEvent(events[0]).data as LeadReceivedData;
  const { repId, trace } = event.data;
  const { occurredAt, actorId, reason } = stored.metadata;
  const recorded = { repId, rule: trace.rule, occurredAt, position: stored.position.toString(), actorId, reason };
  const lead = { channel: received.channel, receivedBy: received.receivedBy, poolId: received.poolId };
  // Equivalent mutants: `<=` for `<` (the assignment is not a match); below, `customerId ===
  // undefined` as `false` (an undefined customer's stream is empty: the initial state) and
  // `state.status === 'owned'` as `true` (an unowned state's owner is undefined, read as null).
  const customerId = events
    .filter(
      (e) => e.position < stored.position && (e.type === 'LeadMatchedToCustomer' || e.type === 'LeadReviewResolved'),
    )
    .map((e) => String(e.data.customerId))
    .at(-1);
  const state =
    customerId === undefined
      ? initialCustomerState
      : await customerBefore(store, customerId, leadId, stored.position, previous);
  const owner = state.status === 'owned' ? state.owner : null;
  const customer =
    customerId === undefined
      ? null
      : { customerId, ownerId: owner?.repId ?? null, protectedUntil: owner?.protectedUntil ?? null };
  const base = { leadId, assignment, recorded };

  if (DECIDED_BY_A_PERSON.has(trace.rule)) {
    return { ...base, replayed: null, identical: null, differences: [], inputs: { lead, customer, pool: null } };
  }
  const differences: ReplayDifference[] = [];
  let replayed: AssignmentReplay['replayed'] = null;
  // The first assignment went through the routing rules; a later one (after a decline or the SLA) was a pool re-route.
  if (assignment === 1 && customer !== null) {
    // Equivalent mutants: routeLead (lead-routing-rules.ts) does not read `isNew`.
    const isNew = events.some((e) => e.type === 'LeadMatchedToCustomer' && e.data.isNewCustomer === true);
    const byRules = replayLeadRoute(received, { ...customer, isNew }, { rule: trace.rule, repId });
    differences.push(...byRules.differences);
    replayed = 'refused' in byRules.replayed ? { rule: byRules.replayed.refused, repId: null } : byRules.replayed;
  }
  let pool: AssignmentReplay['inputs']['pool'] = null;
  if (trace.pool !== null) {
    // Unreachable default: a pool trace is only recorded for a lead that named its pool. Equivalent
    // mutant below: the lead id check as `true` (each pick moves the chosen rep's lastAssignment or
    // names another rep, so no two decisions of a pool have the same trace), and the optional
    // chains on `byPool.replayed` (a pool that recorded a decision existed before it: never null).
    const poolId = received.poolId ?? '';
    const recordedTrace = JSON.stringify(trace.pool);
    const found = await poolStateBefore(
      store,
      poolId,
      (decision) => decision.data.leadId === leadId && JSON.stringify(decision.data.trace) === recordedTrace,
    );
    if (found === null) {
      differences.push({ input: 'pool decision', recorded: poolId, replayed: null });
    } else {
      const byPool = replayPoolDecision(found.state, found.decision);
      differences.push(...byPool.differences);
      pool = { poolId, eventsReplayed: found.eventsReplayed, policyVersion: byPool.policyVersion };
      const chosen = byPool.replayed?.type === 'PoolLeadAssigned' ? byPool.replayed.data.repId : null;
      const poolTrace = byPool.replayed?.data.trace;
      // A pool that chose after the intake (a queue drain, a re-route) hands the lead to the
      // customer's owner instead when a colleague holds the customer (routing rule a).
      const assignee =
        trace.rule === 'existing-customer' ? (ownerFollowed(owner?.repId, trace.pool) ?? chosen) : chosen;
      replayed = { rule: replayed?.rule ?? trace.rule, repId: assignee, ...(poolTrace ? { poolTrace } : {}) };
      if (assignee !== repId && !differences.some((d) => d.input === 'chosen' || d.input === 'repId')) {
        differences.push({ input: 'repId', recorded: repId, replayed: assignee });
      }
    }
  }
  if (assignment > 1 && trace.pool === null) {
    replayed = ownerRuleOnReroute(events, stored.position, owner);
    if (replayed.repId !== repId) differences.push({ input: 'repId', recorded: repId, replayed: replayed.repId });
  }
  return { ...base, replayed, identical: differences.length === 0, differences, inputs: { lead, customer, pool } };
}

/**
 * A re-route that gave the lead to its customer's owner without asking the pool (routing rule a):
 * the owner as the customer stood then (`customerBefore` leaves out an owner this lead's own
 * re-route made), unless they had passed on this lead: then the re-route was the pool's to make.
 */
function ownerRuleOnReroute(
  events: readonly StoredEvent[],
  position: bigint,
  owner: { readonly repId: string } | null,
): { readonly rule: string; readonly repId: string | null } {
  const passedOver = events
    .filter((e) => e.position < position && (e.type === 'LeadDeclined' || e.type === 'LeadAcceptanceExpired'))
    .map((e) => String(e.data.repId));
  const follows = owner !== null && !passedOver.includes(owner.repId);
  return follows ? { rule: 'existing-customer', repId: owner.repId } : { rule: 'pool-rotation', repId: null };
}
