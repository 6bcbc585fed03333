import fc from 'fast-check';
import { RoutedLeads } from './routed-leads';

describe('routed leads (a persistent map shared by the states of one fold)', () => {
  it('answers the latest rep of a lead, and nothing for a lead it never saw', () => {
    const routed = RoutedLeads.empty().set('lead-1', 'rep-a').set('lead-2', 'rep-b').set('lead-1', 'rep-c');
    expect(routed.get('lead-1')).toBe('rep-c');
    expect(routed.get('lead-2')).toBe('rep-b');
    expect(routed.get('lead-3')).toBeUndefined();
    expect(routed.size).toBe(3);
  });

  it('never lets an older state see what a newer one added', () => {
    const older = RoutedLeads.empty().set('lead-1', 'rep-a');
    const newer = older.set('lead-1', 'rep-b').set('lead-2', 'rep-b');
    expect(older.get('lead-1')).toBe('rep-a');
    expect(older.get('lead-2')).toBeUndefined();
    expect(newer.get('lead-1')).toBe('rep-b');
  });

  it('keeps two branches from one state apart', () => {
    const base = RoutedLeads.empty().set('lead-1', 'rep-a');
    const left = base.set('lead-2', 'rep-b');
    const right = base.set('lead-2', 'rep-c').set('lead-3', 'rep-c');
    const sameAsLeft = base.set('lead-2', 'rep-b');
    expect([left.get('lead-2'), right.get('lead-2'), sameAsLeft.get('lead-2')]).toEqual(['rep-b', 'rep-c', 'rep-b']);
    expect(left.get('lead-3')).toBeUndefined();
    expect(base.get('lead-2')).toBeUndefined();
  });

  it('behaves like copying a Map on every set, for any tree of sets', () => {
    // Each step sets on the newest or an older version; the reference copies a Map every time.
    const step = fc.record({
      from: fc.nat(),
      leadId: fc.constantFrom('l1', 'l2', 'l3', 'l4'),
      repId: fc.constantFrom('a', 'b'),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const versions: [RoutedLeads, Map<string, string>][] = [[RoutedLeads.empty(), new Map()]];
        for (const { from, leadId, repId } of steps) {
          const [routed, reference] = versions[from % versions.length];
          versions.push([routed.set(leadId, repId), new Map(reference).set(leadId, repId)]);
        }
        for (const [routed, reference] of versions) {
          for (const leadId of ['l1', 'l2', 'l3', 'l4']) expect(routed.get(leadId)).toBe(reference.get(leadId));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('routed leads in a snapshot', () => {
  it('come back from their JSON with every entry the state saw, and none it did not', () => {
    const older = RoutedLeads.empty().set('lead-1', 'rep-a').set('lead-2', 'rep-b').set('lead-1', 'rep-c');
    older.set('lead-3', 'rep-a'); // a newer state on the same log
    const json = JSON.parse(JSON.stringify(older.toJson()));
    expect(json).toEqual({ leadIds: ['lead-1', 'lead-2', 'lead-1'], repIds: ['rep-a', 'rep-b', 'rep-c'] });
    const restored = RoutedLeads.fromJson(json);
    expect([restored.get('lead-1'), restored.get('lead-2'), restored.get('lead-3')]).toEqual([
      'rep-c',
      'rep-b',
      undefined,
    ]);
    expect(restored.set('lead-3', 'rep-b').get('lead-3')).toBe('rep-b');
    expect(restored.size).toBe(3);
  });

  it('refuse lists of different lengths', () => {
    expect(() => RoutedLeads.fromJson({ leadIds: ['lead-1'], repIds: [] })).toThrow(RangeError);
  });
});
