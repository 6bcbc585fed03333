import { evolvePool, initialPoolState, type ActivePool } from '../pool/pool.state';
import { added, created, paused } from '../pool/pool.test-fixtures';
import { type Overlay, emptyOverlay, overlaid, unpin, withChange } from './what-if-overlay';

// Wang: weight 2, at most 3 leads a day and 40 a month. Li: weight 1, no caps, on leave.
const pool = [created(), added('rep-wang', 2, 3, 40), added('rep-li', 1), paused('rep-li')].reduce(
  evolvePool,
  initialPoolState,
) as ActivePool;
const MON = '2026-03-02';

const overlay = (result: Overlay | string): Overlay => {
  if (typeof result === 'string') throw new Error(result);
  return result;
};

describe('a what-if’s terms for the pool', () => {
  it('keeps a member’s caps when only its weight changes', () => {
    const changed = overlay(
      withChange(emptyOverlay, pool, { kind: 'member', from: MON, repId: 'rep-wang', weight: 1 }),
    );

    expect(changed.pinned.get('rep-wang')).toEqual({ weight: 1, dailyCap: 3, monthlyCap: 40 });
  });

  it('lifts a cap given as null and sets one given as a number, keeping the weight', () => {
    const change = { kind: 'member', from: MON, repId: 'rep-wang', dailyCap: null, monthlyCap: 10 } as const;

    expect(overlay(withChange(emptyOverlay, pool, change)).pinned.get('rep-wang')).toEqual({
      weight: 2,
      dailyCap: null,
      monthlyCap: 10,
    });
  });

  it('adds a rep who is not a member with the weight given and no caps', () => {
    const joined = overlay(withChange(emptyOverlay, pool, { kind: 'member', from: MON, repId: 'rep-zhao', weight: 1 }));

    expect(joined.pinned.get('rep-zhao')).toEqual({ weight: 1, dailyCap: null, monthlyCap: null });
  });

  it('lays the terms over the members in join order, adds new reps last and leaves removed ones out', () => {
    let terms = overlay(withChange(emptyOverlay, pool, { kind: 'member', from: MON, repId: 'rep-zhao', weight: 3 }));
    terms = overlay(withChange(terms, pool, { kind: 'member', from: MON, repId: 'rep-li', weight: 2 }));

    expect(overlaid(pool, terms).members).toEqual([
      { repId: 'rep-wang', weight: 2, dailyCap: 3, monthlyCap: 40, pausedBecause: null },
      // Li keeps being on leave: the what-if changes terms, not who is away.
      { repId: 'rep-li', weight: 2, dailyCap: null, monthlyCap: null, pausedBecause: 'leave' },
      { repId: 'rep-zhao', weight: 3, dailyCap: null, monthlyCap: null, pausedBecause: null },
    ]);

    const withoutWang = overlay(withChange(terms, pool, { kind: 'remove-member', from: MON, repId: 'rep-wang' }));
    expect(overlaid(pool, withoutWang).members.map((m) => m.repId)).toEqual(['rep-li', 'rep-zhao']);
  });

  it('drops a rep’s pin once they leave the pool in fact, and leaves the others', () => {
    let terms = overlay(withChange(emptyOverlay, pool, { kind: 'member', from: MON, repId: 'rep-wang', weight: 1 }));
    terms = overlay(withChange(terms, pool, { kind: 'member', from: MON, repId: 'rep-li', weight: 3 }));

    const afterLi = unpin(terms, 'rep-li');

    expect([...afterLi.pinned.keys()]).toEqual(['rep-wang']);
    expect(afterLi.strategy).toBeNull();
    // Nothing pinned for Zhao: the overlay is the same one.
    expect(unpin(afterLi, 'rep-zhao')).toBe(afterLi);
  });
});
