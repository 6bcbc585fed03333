import type { BusinessDay } from '../pool/pool.commands';
import type { PoolEvent } from '../pool/pool.events';
import { type LeadToRoute, drainQueue, routeOne } from '../pool/pool-routing';
import { type ActivePool, type PoolState, evolvePool, initialPoolState, isQueued } from '../pool/pool.state';
import type {
  CountWhatIf,
  DatedPoolEvent,
  LeadWhatIf,
  RoutingWhatIfResult,
  WhatIfProblem,
} from './routing-what-if.types';
import { type Overlay, type RoutingChange, emptyOverlay, overlaid, unpin, withChange } from './what-if-overlay';

export * from './what-if-overlay';
export * from './routing-what-if.types';

const asActive = (state: PoolState): ActivePool | null => (state.status === 'active' ? state : null);
const dayOf = (day: string): BusinessDay => ({ day, month: day.slice(0, 7) });
const holderOf = (pool: ActivePool, leadId: string): string | null =>
  isQueued(pool, leadId) ? null : (pool.routed.get(leadId) ?? null);
const count = (actual: number, whatIf: number): CountWhatIf => ({ actual, whatIf, difference: whatIf - actual });

/**
 * A pool's history replayed twice from the window's start: as it happened, and with the changes
 * laid over it from their days. Real arrivals are routed again by the pool's own `routeOne` on
 * the what-if state; a real re-route (a decline, a missed deadline) happens in the what-if only
 * when the lead's what-if rep is one who passed it over, since the others never had it; a real
 * queue drain drains the what-if queue at the same moment; a real claim of a queued lead counts
 * only if the lead waits in the what-if queue too. Nothing is written: the states are values.
 */
export class RoutingWhatIf {
  private real: PoolState = initialPoolState;
  private whatIf: PoolState = initialPoolState;
  private overlay: Overlay = emptyOverlay;
  private readonly pending: { readonly change: RoutingChange; readonly index: number }[];
  private readonly leads = new Map<string, { arrivedAt: string; day: string }>();
  readonly problems: WhatIfProblem[] = [];

  constructor(changes: readonly RoutingChange[]) {
    // Equivalent mutants: the sort is stable, and V8's compares a later change with an earlier one
    // and asks only whether the answer is below 0, so the `>` branch's `1` and the index tie-break
    // (and their mutants, all ≥ 0 there) keep same-day changes in the order given.
    this.pending = changes
      .map((change, index) => ({ change, index }))
      .sort((a, b) => (a.change.from < b.change.from ? -1 : a.change.from > b.change.from ? 1 : a.index - b.index));
  }

  /** An event before the window: both versions fold it as it happened. */
  before(event: PoolEvent): void {
    this.real = evolvePool(this.real, event);
    this.whatIf = this.real;
  }

  /** An event in the window. */
  during({ event, day, occurredAt }: DatedPoolEvent): void {
    this.takeEffect(day);
    const leadId = 'leadId' in event.data ? event.data.leadId : null;
    // Who held the lead in fact before this decision: a re-route moves it on from them.
    // Equivalent mutants (here, in `reroute`'s `avoid` and in the queued case's `holderBefore !==
    // null`): the pool refuses a re-route that does not name the lead's holder in passedOver
    // (pool.decider.ts, decideRoute), so in a log it wrote holderBefore is null or already in it.
    const holderBefore = leadId === null ? null : (asActive(this.real)?.routed.get(leadId) ?? null);
    this.real = evolvePool(this.real, event);
    if (leadId !== null && !this.leads.has(leadId)) this.leads.set(leadId, { arrivedAt: occurredAt, day });
    switch (event.type) {
      case 'PoolLeadAssigned': {
        const { leadId, fromQueue, rerouted, trace } = event.data;
        if (fromQueue) return this.drain(day);
        const passedOver = trace.candidates.filter((c) => c.skippedBecause === 'passed-over').map((c) => c.repId);
        return rerouted ? this.reroute(leadId, passedOver, holderBefore, day) : this.arrive(leadId, day);
      }
      case 'PoolLeadQueued': {
        const { leadId, passedOver } = event.data;
        if (passedOver.length > 0 || holderBefore !== null) return this.reroute(leadId, passedOver, holderBefore, day);
        return this.arrive(leadId, day);
      }
      case 'PoolQueuedLeadClaimed': {
        const pool = asActive(this.whatIf);
        if (pool && isQueued(pool, event.data.leadId)) this.whatIf = evolvePool(pool, event);
        return;
      }
      case 'PoolQueuedLeadWithdrawn':
        // Equivalent mutant: without this case `reconfigure` does the same (it lays the overlay
        // again, which changes nothing, and a withdrawal does not drain).
        this.whatIf = evolvePool(this.whatIf, event);
        return;
      default:
        return this.reconfigure(event, day);
    }
  }

  /** After the window's last event: the changes dated after it still take effect (a member change may drain the queue). */
  finish(): void {
    this.takeEffect('9999-12-31');
  }

  /** The answer, once `finish` was called. */
  result(): RoutingWhatIfResult {
    const real = asActive(this.real);
    const whatIf = asActive(this.whatIf);
    const leads = [...this.leads].map(([leadId, { arrivedAt, day }]): LeadWhatIf => {
      const actual = real ? holderOf(real, leadId) : null;
      const hypothetical = whatIf ? holderOf(whatIf, leadId) : null;
      return { leadId, arrivedAt, day, actual, whatIf: hypothetical, changed: actual !== hypothetical };
    });
    const tally = (pick: (lead: LeadWhatIf) => string | null) => {
      const counts = new Map<string | null, number>();
      for (const lead of leads) counts.set(pick(lead), (counts.get(pick(lead)) ?? 0) + 1);
      return counts;
    };
    const actual = tally((lead) => lead.actual);
    const hypothetical = tally((lead) => lead.whatIf);
    const repIds = [...new Set([...actual.keys(), ...hypothetical.keys()])].filter((id): id is string => id !== null);
    const reps = repIds
      .sort()
      .map((repId) => ({ repId, ...count(actual.get(repId) ?? 0, hypothetical.get(repId) ?? 0) }));
    const unassigned = count(actual.get(null) ?? 0, hypothetical.get(null) ?? 0);
    return { leads, reps, unassigned, changedLeads: leads.filter((lead) => lead.changed).length };
  }

  /** Changes dated on or before `day` take effect, in date order, as a manager's change would. */
  private takeEffect(day: string): void {
    for (let due = this.pending[0]; due && due.change.from <= day; due = this.pending[0]) {
      const pool = asActive(this.whatIf);
      // A pool created later this very day takes the day's changes from its creation (reconfigure).
      if (!pool && due.change.from === day) return;
      this.pending.shift();
      const { change, index } = due;
      if (!pool) {
        this.problems.push({ field: `changes.${index}.from`, problem: `the pool did not exist yet on ${change.from}` });
        continue;
      }
      const next = withChange(this.overlay, pool, change);
      if (typeof next === 'string') {
        this.problems.push({ field: `changes.${index}.weight`, problem: next });
        continue;
      }
      this.overlay = next;
      const changed = overlaid(pool, next);
      // Equivalent mutant: `- 1`: the version only labels the what-if's traces, which the result leaves out.
      this.whatIf = { ...changed, policyVersion: pool.policyVersion + 1, rotation: {} };
      // Like the pool's own member changes, new terms may make a member eligible for queued leads.
      if (change.kind === 'member') this.drain(change.from);
    }
  }

  private reconfigure(event: PoolEvent, day: string): void {
    if (event.type === 'PoolMemberRemoved') this.overlay = unpin(this.overlay, event.data.repId);
    // Equivalent mutants: ending the removal on the rep's other events changes nothing, since
    // `overlaid` dropped the rep from the what-if's members; only a real PoolMemberAdded brings them back,
    // on a later day: a removal dated the day they joined in fact holds all that day.
    const removedFrom = event.type === 'PoolMemberAdded' ? this.overlay.removed.get(event.data.repId) : undefined;
    if (event.type === 'PoolMemberAdded' && removedFrom !== undefined && day > removedFrom) {
      const removed = new Map(this.overlay.removed);
      removed.delete(event.data.repId);
      this.overlay = { ...this.overlay, removed };
    }
    const next = evolvePool(this.whatIf, event);
    // Equivalent mutant: `true`: a configuration event reaches an absent pool only if it came before PoolCreated.
    this.whatIf = next.status === 'active' ? overlaid(next, this.overlay) : next;
    if (event.type === 'PoolCreated') this.takeEffect(day);
    // The pool drains its queue after these four, in the same decision.
    const drains = ['PoolMemberAdded', 'PoolMemberResumed', 'PoolMemberWeightChanged', 'PoolMemberCapsChanged'];
    if (drains.includes(event.type)) this.drain(day);
  }

  /**
   * Equivalent mutants: `!pool` (a lead arrives only at a pool that exists), the flags and the empty
   * passedOver of the arrival (they label the event; an arriving lead is not queued, and no rep is
   * named "Stryker was here").
   */
  private arrive(leadId: string, day: string): void {
    const pool = asActive(this.whatIf);
    if (!pool || pool.routed.get(leadId) !== undefined || isQueued(pool, leadId)) return;
    this.route(pool, { leadId, fromQueue: false, rerouted: false, passedOver: [] }, day);
  }

  private reroute(leadId: string, passedOver: readonly string[], holderBefore: string | null, day: string): void {
    const pool = asActive(this.whatIf);
    if (!pool) return;
    const holder = holderOf(pool, leadId);
    const avoid =
      holderBefore === null || passedOver.includes(holderBefore) ? passedOver : [...passedOver, holderBefore];
    // A lead the what-if pool never took (it came by a re-route: its customer's owner, outside the
    // pool, declined it) is routed now, past those who passed on it; one it holds moves on only
    // from a rep who passed on it; one waiting in its queue keeps waiting.
    // Equivalent mutants: `!pool` as `false` (a re-route happens only in a pool that exists), the
    // second `holder === null` as `false` (a null holder is never in `avoid`), and the flags below
    // (labels: the lead is held, not queued).
    const neverTaken = holder === null && !isQueued(pool, leadId);
    if (!neverTaken && (holder === null || !avoid.includes(holder))) return;
    this.route(pool, { leadId, fromQueue: false, rerouted: true, passedOver: avoid }, day);
  }

  private route(pool: ActivePool, lead: LeadToRoute, day: string): void {
    this.whatIf = evolvePool(pool, routeOne(pool, lead, dayOf(day)));
  }

  private drain(day: string): void {
    // Equivalent mutant: `if (false)`: a drain follows a change to a pool that exists.
    const pool = asActive(this.whatIf);
    if (!pool) return;
    this.whatIf = drainQueue(pool, dayOf(day)).reduce<PoolState>(evolvePool, pool);
  }
}

/** The whole what-if over a history held in memory: the events before `from` fold, those in [from, to) replay. */
export function routingWhatIf(
  history: Iterable<DatedPoolEvent>,
  window: { readonly from: string; readonly to: string },
  changes: readonly RoutingChange[],
): RoutingWhatIfResult | { readonly problems: readonly WhatIfProblem[] } {
  const run = new RoutingWhatIf(changes);
  let started = false;
  for (const dated of history) {
    if (dated.day >= window.to) break;
    started ||= dated.day >= window.from;
    if (started) run.during(dated);
    else run.before(dated.event);
  }
  run.finish();
  const result = run.result();
  return run.problems.length > 0 ? { problems: run.problems } : result;
}
