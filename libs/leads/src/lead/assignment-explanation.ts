import type { RoutingCandidate, RoutingTrace } from '@leadledger/routing';
import type { AssignmentTrace } from './lead.events';

/** What a trace does not carry about a member: its caps and pause reason under the trace's policy version. */
export interface MemberTerms {
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
  readonly pausedBecause: string | null;
}

/** How a rep passed on the lead before an assignment, from the lead's own events. */
export type PassOnLead =
  { readonly kind: 'declined'; readonly reason: string } | { readonly kind: 'expired'; readonly acceptBy: string };

export interface ExplanationContext {
  /** Each member's terms at the trace's policy version; a member missing here is explained without them. */
  readonly memberTerms: ReadonlyMap<string, MemberTerms>;
  /** Every rep who passed on this lead before this assignment, with how (the last pass of each). */
  readonly passes: ReadonlyMap<string, PassOnLead>;
}

const noContext: ExplanationContext = { memberTerms: new Map(), passes: new Map() };

/** Numbers as a manager writes them: a true minus sign for negatives. */
const num = (n: number): string => (n < 0 ? `−${-n}` : String(n));

/**
 * "Why this rep" in one sentence a manager can read without knowing the rotation, built
 * only from the assignment's trace and what the lead's own history says about earlier
 * passes. Pure: GET /leads/:id computes it at read time, so no event carries it.
 */
export function explainAssignment(
  assignment: { readonly repId: string; readonly trace: AssignmentTrace },
  context: ExplanationContext = noContext,
): string {
  const { repId, trace } = assignment;
  const pool = trace.pool;
  switch (trace.rule) {
    case 'existing-customer':
      return pool && pool.chosen !== null && pool.chosen !== repId
        ? `${repId}: owns this customer, so the lead follows the owner (the pool had chosen ${pool.chosen})`
        : `${repId}: already owns this customer, so the lead goes to the owner`;
    case 'received-walk-in':
      return `${repId}: received this customer in person (walk-in or call) and nobody owned them`;
    case 'rep-sourced':
      return `${repId}: sourced this lead`;
    case 'claim':
      return `${repId}: claimed the lead while nobody held it`;
    case 'hand-off':
      return `${repId}: took the lead over in a hand-over (${trace.note})`;
    case 'manager-routing':
      return [`${repId}: routed by hand (${trace.note})`, ...(pool ? poolParts(repId, pool, context) : [])].join('; ');
    case 'pool-rotation':
      return pool ? explainPoolChoice(repId, pool, context) : `${repId}: ${trace.note}`;
    case 'reassigned-after-decline':
    case 'reassigned-after-sla': {
      const why = trace.rule === 'reassigned-after-decline' ? 'a decline' : 'the acceptance deadline passed';
      return [`${repId}: re-routed after ${why}`, ...(pool ? poolParts(repId, pool, context) : [trace.note])].join(
        '; ',
      );
    }
    default:
      return `${repId}: ${trace.note}`;
  }
}

/** The pool's part: the chosen member's share and load, why it won, and why every other member was skipped. */
export function explainPoolChoice(repId: string, trace: RoutingTrace, context: ExplanationContext = noContext): string {
  return `${repId}: ${poolParts(repId, trace, context).join('; ')}`;
}

function poolParts(repId: string, trace: RoutingTrace, context: ExplanationContext): string[] {
  const chosen = trace.candidates.find((c) => c.repId === repId);
  if (!chosen) return ['chosen by the pool rotation'];
  const totalWeight = trace.candidates.reduce((sum, c) => sum + c.weight, 0);
  const leadsToday = trace.candidates.reduce((sum, c) => sum + c.assignedToday, 0);
  const load = `${chosen.assignedToday} of ${leadsToday} leads today`;
  const parts = [
    trace.strategy === 'least-assigned' ? load : `weight ${chosen.weight} of ${totalWeight}, ${load}`,
    whyChosen(chosen, trace),
  ];
  for (const candidate of trace.candidates) {
    if (candidate.skippedBecause !== null) parts.push(skipLine(candidate, context));
  }
  return parts;
}

function whyChosen(chosen: RoutingCandidate, trace: RoutingTrace): string {
  const eligible = trace.candidates.filter((c) => c.eligible);
  const others = eligible.filter((c) => c.repId !== chosen.repId);
  if (others.length === 0) return 'chosen because no other member was eligible';
  if (trace.strategy === 'least-assigned') {
    const list = others.map((c) => `${c.repId} ${c.assignedToday}`).join(', ');
    const tied = others.filter((c) => c.assignedToday === chosen.assignedToday);
    const base = `chosen because its ${chosen.assignedToday} leads today were the fewest (${list})`;
    if (tied.length === 0) return base;
    const waited = tied.every((c) => waitRank(c) > waitRank(chosen));
    return `${base}; tied with ${tied.map((c) => c.repId).join(', ')}, it ${
      waited ? `waited longest for a lead (${lastLead(chosen)})` : 'joined the pool earlier'
    }`;
  }
  // The round robin picks the highest credit after adding the weight, plus the weight once more (see pickSmoothWeighted).
  const score = (c: RoutingCandidate) => (trace.rotationBefore[c.repId] ?? 0) + 2 * c.weight;
  const list = others.map((c) => `${c.repId} ${num(score(c))}`).join(', ');
  const base = `chosen because its rotation score ${num(score(chosen))} was highest (${list})`;
  const tied = others.filter((c) => score(c) === score(chosen));
  if (tied.length === 0) return base;
  const tieBreak = tied.every((c) => c.weight < chosen.weight)
    ? 'has the higher weight'
    : tied.every((c) => c.weight === chosen.weight)
      ? 'joined the pool earlier'
      : 'wins ties by weight, then by joining the pool earlier';
  return `${base}; tied with ${tied.map((c) => c.repId).join(', ')}, it ${tieBreak}`;
}

/** Why nobody in the pool took a queued lead: each member and why it was skipped. */
export function explainQueue(trace: RoutingTrace, context: ExplanationContext = noContext): string {
  if (trace.candidates.length === 0) return 'the pool has no members';
  return trace.candidates.map((c) => skipLine(c, context)).join('; ');
}

const skipLine = (candidate: RoutingCandidate, context: ExplanationContext): string =>
  `${candidate.repId} skipped: ${candidate.skippedBecause === null ? 'not eligible' : skipped(candidate, context)}`;

const waitRank = (c: RoutingCandidate): number => (c.lastAssignment === null ? -1 : c.lastAssignment);
const lastLead = (c: RoutingCandidate): string =>
  c.lastAssignment === null ? 'never had one' : `last had lead #${c.lastAssignment}`;

function skipped(candidate: RoutingCandidate, context: ExplanationContext): string {
  const terms = context.memberTerms.get(candidate.repId);
  switch (candidate.skippedBecause) {
    case 'passed-over': {
      const pass = context.passes.get(candidate.repId);
      if (!pass) return 'passed on this lead';
      return pass.kind === 'declined'
        ? `declined this lead (${pass.reason})`
        : `did not accept this lead in time (accept by ${pass.acceptBy})`;
    }
    case 'paused':
      return terms?.pausedBecause ? `paused (${terms.pausedBecause})` : 'paused';
    case 'daily-cap':
      return terms?.dailyCap != null
        ? `daily cap ${terms.dailyCap} reached`
        : `daily cap reached (${candidate.assignedToday} today)`;
    case 'monthly-cap':
      return terms?.monthlyCap != null
        ? `monthly cap ${terms.monthlyCap} reached`
        : `monthly cap reached (${candidate.assignedThisMonth} this month)`;
    default:
      return 'not eligible';
  }
}

/** Who passed on the lead, and how, in the events before an assignment (a later pass of the same rep wins). */
export function passesOnLead(
  events: readonly { readonly type: string; readonly data: Record<string, unknown> }[],
): Map<string, PassOnLead> {
  const passes = new Map<string, PassOnLead>();
  for (const { type, data } of events) {
    if (type === 'LeadDeclined') passes.set(String(data.repId), { kind: 'declined', reason: String(data.reason) });
    if (type === 'LeadAcceptanceExpired') {
      passes.set(String(data.repId), { kind: 'expired', acceptBy: String(data.acceptBy) });
    }
  }
  return passes;
}
