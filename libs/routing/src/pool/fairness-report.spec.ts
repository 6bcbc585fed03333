import { countDecision, fairnessReport, noSkips } from './fairness-report';
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

  it('has no largest deficit when nobody got fewer than due', () => {
    expect(fairnessReport([]).largestDeficit).toBeNull();
    const both = trace([candidate('wang', 1), candidate('li', 1)]);
    expect(fairnessReport(countsOf([assigned('wang', both), assigned('li', both)])).largestDeficit).toBeNull();
  });
});
