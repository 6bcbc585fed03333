import { SKIP_REASONS, countDecision, fairnessReport, noSkips } from './fairness-report';
import type { PoolLeadAssigned, PoolLeadQueued, RoutingCandidate, RoutingTrace } from './pool.events';

const candidate = (repId: string, weight: number, skippedBecause: RoutingCandidate['skippedBecause'] = null) => ({
  repId,
  weight,
  eligible: skippedBecause === null,
  skippedBecause,
  assignedToday: 0,
  assignedThisMonth: 0,
  lastAssignment: null,
});
const trace = (candidates: RoutingCandidate[], strategy: RoutingTrace['strategy'] = 'smooth-weighted-round-robin') =>
  ({ strategy, policyVersion: 3, candidates, rotationBefore: {}, rotationAfter: {}, chosen: null }) as RoutingTrace;
const assigned = (repId: string, t: RoutingTrace): PoolLeadAssigned => ({
  type: 'PoolLeadAssigned',
  data: {
    poolId: 'east',
    leadId: 'l',
    repId,
    day: '2026-03-02',
    month: '2026-03',
    sequence: 1,
    fromQueue: false,
    rerouted: false,
    trace: t,
  },
});
const queued = (t: RoutingTrace): PoolLeadQueued => ({
  type: 'PoolLeadQueued',
  data: { poolId: 'east', leadId: 'q', day: '2026-03-02', month: '2026-03', passedOver: [], trace: t },
});

/** Sums decisions the way the projection does, for a hand-worked example. */
function countsOf(decisions: (PoolLeadAssigned | PoolLeadQueued)[]) {
  const members = new Map<
    string,
    { repId: string; given: number; skips: ReturnType<typeof noSkips>; dueByTotalWeight: Map<number, number> }
  >();
  for (const decision of decisions) {
    for (const row of countDecision(decision)) {
      const m = members.get(row.repId) ?? { repId: row.repId, given: 0, skips: noSkips(), dueByTotalWeight: new Map() };
      m.given += row.given;
      if (row.skip) m.skips[row.skip]++;
      if (row.weight)
        m.dueByTotalWeight.set(row.totalWeight, (m.dueByTotalWeight.get(row.totalWeight) ?? 0) + row.weight);
      members.set(row.repId, m);
    }
  }
  return [...members.values()];
}

describe('fairness report', () => {
  it('gives each member its weight share of every lead given, the leads it got, its skips and the largest deficit', () => {
    // wang weight 2, li weight 1: each lead given is 2/3 due to wang and 1/3 to li, paused or not.
    // Four leads: wang, li, then li is paused and wang gets two more; one lead queued while both were out.
    const both = trace([candidate('wang', 2), candidate('li', 1)]);
    const liPaused = trace([candidate('wang', 2), candidate('li', 1, 'paused')]);
    const nobody = trace([candidate('wang', 2, 'daily-cap'), candidate('li', 1, 'paused')]);
    const report = fairnessReport(
      countsOf([
        assigned('wang', both),
        assigned('li', both),
        assigned('wang', liPaused),
        assigned('wang', liPaused),
        queued(nobody),
      ]),
    );
    // Due: wang 4 × 2/3 = 8/3 = 2.67, li 4 × 1/3 = 4/3 = 1.33. Given: wang 3, li 1.
    expect(report).toEqual({
      leadsRouted: 4,
      members: [
        { repId: 'li', leadsDue: 1.33, leadsGiven: 1, deficit: 0.33, skips: { ...noSkips(), paused: 3 } },
        { repId: 'wang', leadsDue: 2.67, leadsGiven: 3, deficit: -0.33, skips: { ...noSkips(), 'daily-cap': 1 } },
      ],
      largestDeficit: { repId: 'li', deficit: 0.33 },
    });
  });

  it('shares equally under least-assigned, whose rotation ignores weights, and rounds half away from zero', () => {
    // Eight members (weights ignored): 1/8 = 0.125 due, shown 0.13, and −0.875 shown −0.88.
    const eight = trace(
      ['wang', 'li', 'zhao', 'zhou', 'wu', 'zheng', 'feng', 'chen'].map((r, i) => candidate(r, i + 1)),
      'least-assigned',
    );
    const report = fairnessReport(countsOf([assigned('wang', eight)]));
    const wang = report.members.find((m) => m.repId === 'wang')!;
    expect(wang).toMatchObject({ leadsDue: 0.13, leadsGiven: 1, deficit: -0.88 });
    expect(report.members.find((m) => m.repId === 'li')).toMatchObject({ leadsDue: 0.13, deficit: 0.13 });
    // Seven members are each 1/8 behind: the tie goes to the first by rep id.
    expect(report.largestDeficit).toEqual({ repId: 'chen', deficit: 0.13 });
  });

  it('has no largest deficit when nobody got fewer than due, and shows a deficit of exactly 0', () => {
    expect(fairnessReport([]).largestDeficit).toBeNull();
    // Equal weights, one lead each: due 2 × 1/2 = 1 each, given 1 each, deficit 1 − 1 = 0 (not −0).
    const both = trace([candidate('wang', 1), candidate('li', 1)]);
    expect(fairnessReport(countsOf([assigned('wang', both), assigned('li', both)]))).toEqual({
      leadsRouted: 2,
      members: [
        { repId: 'li', leadsDue: 1, leadsGiven: 1, deficit: 0, skips: noSkips() },
        { repId: 'wang', leadsDue: 1, leadsGiven: 1, deficit: 0, skips: noSkips() },
      ],
      largestDeficit: null,
    });
  });

  it('lists the members by rep id, whatever order their counts come in', () => {
    const one = { given: 0, skips: noSkips(), dueByTotalWeight: new Map<number, number>() };
    const names = (order: string[]) =>
      fairnessReport(order.map((repId) => ({ repId, ...one }))).members.map((m) => m.repId);

    expect(names(['li', 'wang', 'zhao'])).toEqual(['li', 'wang', 'zhao']);
    expect(names(['zhao', 'li', 'wang'])).toEqual(['li', 'wang', 'zhao']);
    expect(names(['wang', 'zhao', 'li'])).toEqual(['li', 'wang', 'zhao']);
  });

  it('adds the shares of a member across pool sizes exactly, rounding only the totals', () => {
    // Wang weight 2 and Li weight 1 (total 3) get one lead each; then Zhao (weight 1) joins
    // (total 4) and Wang gets the next.
    // Li:   1/3 + 1/3 + 1/4 = 11/12 = 0.9166… → 0.92 due, given 1, deficit −1/12 = −0.083… → −0.08.
    // Wang: 2/3 + 2/3 + 2/4 = 11/6  = 1.8333… → 1.83 due, given 2, deficit −1/6  = −0.166… → −0.17.
    // Zhao: 1/4 = 0.25 due, given 0, deficit 0.25: the only member below its share.
    const three = trace([candidate('wang', 2), candidate('li', 1)]);
    const four = trace([candidate('wang', 2), candidate('li', 1), candidate('zhao', 1)]);
    const report = fairnessReport(countsOf([assigned('wang', three), assigned('li', three), assigned('wang', four)]));

    expect(report).toEqual({
      leadsRouted: 3,
      members: [
        { repId: 'li', leadsDue: 0.92, leadsGiven: 1, deficit: -0.08, skips: noSkips() },
        { repId: 'wang', leadsDue: 1.83, leadsGiven: 2, deficit: -0.17, skips: noSkips() },
        { repId: 'zhao', leadsDue: 0.25, leadsGiven: 0, deficit: 0.25, skips: noSkips() },
      ],
      largestDeficit: { repId: 'zhao', deficit: 0.25 },
    });
  });

  it('counts members on leave toward their due, and names the one furthest below its share', () => {
    // Wang (weight 2) and Li (weight 1) are on leave; Zhao (weight 1) takes the one lead.
    // Due of a total weight 4: Wang 2/4 = 0.5, Li 1/4 = 0.25, Zhao 1/4 = 0.25.
    // Deficits: Li 0.25, Wang 0.5, Zhao 0.25 − 1 = −0.75. Wang is furthest behind, though Li comes first.
    const onLeave = trace([candidate('wang', 2, 'paused'), candidate('li', 1, 'paused'), candidate('zhao', 1)]);
    const report = fairnessReport(countsOf([assigned('zhao', onLeave)]));

    expect(report.members.map(({ repId, leadsDue, deficit }) => [repId, leadsDue, deficit])).toEqual([
      ['li', 0.25, 0.25],
      ['wang', 0.5, 0.5],
      ['zhao', 0.25, -0.75],
    ]);
    expect(report.largestDeficit).toEqual({ repId: 'wang', deficit: 0.5 });
  });

  it('shows every reason a member can be skipped, in the order the report lists them, zero when none', () => {
    expect(SKIP_REASONS).toEqual(['passed-over', 'paused', 'daily-cap', 'monthly-cap']);
    // Wang was on leave for one queued lead: paused 1, every other reason 0.
    const [wang] = fairnessReport(countsOf([queued(trace([candidate('wang', 1, 'paused')]))])).members;
    expect(SKIP_REASONS.map((reason) => wang.skips[reason])).toEqual([0, 1, 0, 0]);
  });
});
