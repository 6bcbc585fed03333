import type { PoolCommand } from '../pool/pool.commands';
import { POOL, added, claim, created, reroute, route } from '../pool/pool.test-fixtures';
import { type RoutingChange, type RoutingWhatIfResult, routingWhatIf } from './routing-what-if';
import { MON, TUE, WED, THU, FRI, answer, at, history } from './what-if-history.fixtures';

const arrivals = (day: string, count: number, prefix = day): [string, PoolCommand][] =>
  Array.from({ length: count }, (_, i) => [day, route(`${prefix}-lead-${i + 1}`, at(day))]);

const totals = (result: RoutingWhatIfResult) =>
  Object.fromEntries(result.reps.map(({ repId, actual, whatIf, difference }) => [repId, [actual, whatIf, difference]]));

describe('routing what-if, worked by hand', () => {
  const twoToOne = [created(), added('rep-a', 2), added('rep-b', 1)];

  it('weights 2:1 over six leads give 4/2; the same leads at 1:1 give 3/3', () => {
    const past = history(twoToOne, arrivals(MON, 6));
    const change: RoutingChange = { kind: 'member', from: MON, repId: 'rep-a', weight: 1 };
    const result = answer(routingWhatIf(past, { from: MON, to: TUE }, [change]));
    expect(totals(result)).toEqual({ 'rep-a': [4, 3, -1], 'rep-b': [2, 3, 1] });
    // 2:1 hands out A A B | A A B (a tie goes to the heavier member); 1:1 hands out A B | A B | A B.
    expect(result.leads.map((lead) => [lead.actual, lead.whatIf])).toEqual([
      ['rep-a', 'rep-a'],
      ['rep-a', 'rep-b'],
      ['rep-b', 'rep-a'],
      ['rep-a', 'rep-b'],
      ['rep-a', 'rep-a'],
      ['rep-b', 'rep-b'],
    ]);
    expect(result.changedLeads).toBe(3);
    expect(result.unassigned).toEqual({ actual: 0, whatIf: 0, difference: 0 });
  });

  it('with no change, every lead goes where it went', () => {
    const past = history(twoToOne, arrivals(MON, 6));
    const result = answer(routingWhatIf(past, { from: MON, to: TUE }, []));
    expect(totals(result)).toEqual({ 'rep-a': [4, 4, 0], 'rep-b': [2, 2, 0] });
    expect(result.changedLeads).toBe(0);
  });

  it('a daily cap of 2 for rep-a from Wednesday leaves Monday and Tuesday alone and hands the rest to rep-b', () => {
    const days = [MON, TUE, WED, THU];
    const past = history(
      twoToOne,
      days.flatMap((day) => arrivals(day, 6)),
    );
    const change: RoutingChange = { kind: 'member', from: WED, repId: 'rep-a', dailyCap: 2 };
    const result = answer(routingWhatIf(past, { from: MON, to: FRI }, [change]));
    // Fact: 4/2 a day, 16/8. What-if: 4/2 on Monday and Tuesday, then 2/4 on Wednesday and Thursday.
    expect(totals(result)).toEqual({ 'rep-a': [16, 12, -4], 'rep-b': [8, 12, 4] });
    const changedBefore = result.leads.filter((lead) => lead.changed && lead.day < WED);
    expect(changedBefore).toEqual([]);
    const wednesday = result.leads.filter((lead) => lead.day === WED);
    expect(wednesday.filter((lead) => lead.whatIf === 'rep-a')).toHaveLength(2);
  });

  it('counts only the window: leads before it are folded into the starting state, not listed', () => {
    const past = history(twoToOne, [...arrivals(MON, 3), ...arrivals(TUE, 3)]);
    const result = answer(routingWhatIf(past, { from: TUE, to: WED }, []));
    expect(result.leads.map((lead) => lead.leadId)).toEqual([`${TUE}-lead-1`, `${TUE}-lead-2`, `${TUE}-lead-3`]);
    expect(result.leads[0]).toMatchObject({ arrivedAt: `${TUE}T02:00:00.000Z`, day: TUE });
  });

  it('removing rep-b from Tuesday sends every Tuesday lead to rep-a', () => {
    const past = history(twoToOne, [...arrivals(MON, 3), ...arrivals(TUE, 3)]);
    const change: RoutingChange = { kind: 'remove-member', from: TUE, repId: 'rep-b' };
    const result = answer(routingWhatIf(past, { from: MON, to: WED }, [change]));
    expect(totals(result)).toEqual({ 'rep-a': [4, 5, 1], 'rep-b': [2, 1, -1] });
  });

  it('adding a rep needs a weight, and the problem names the change', () => {
    const past = history(twoToOne, arrivals(MON, 4));
    const change: RoutingChange = { kind: 'member', from: MON, repId: 'rep-c', dailyCap: 1 };
    expect(routingWhatIf(past, { from: MON, to: TUE }, [change])).toEqual({
      problems: [{ field: 'changes.0.weight', problem: expect.stringContaining('rep-c is not a member') }],
    });
    const withWeight: RoutingChange = { kind: 'member', from: MON, repId: 'rep-c', weight: 1, dailyCap: 1 };
    const result = answer(routingWhatIf(past, { from: MON, to: TUE }, [withWeight]));
    // 2:1 over four leads is A A B A; 2:1:1 is A B A C.
    expect(totals(result)).toEqual({ 'rep-a': [3, 2, -1], 'rep-b': [1, 1, 0], 'rep-c': [0, 1, 1] });
  });

  it('least-assigned instead of the round robin evens out the weights', () => {
    const past = history(twoToOne, arrivals(MON, 6));
    const change: RoutingChange = { kind: 'strategy', from: MON, strategy: 'least-assigned' };
    const result = answer(routingWhatIf(past, { from: MON, to: TUE }, [change]));
    expect(totals(result)).toEqual({ 'rep-a': [4, 3, -1], 'rep-b': [2, 3, 1] });
  });

  it('a decline is replayed only when the what-if gave the lead to the rep who declined it', () => {
    // Fact: lead-1 to rep-a, who declines it; it goes on to rep-b.
    const past = history(
      [created(), added('rep-a', 1), added('rep-b', 1)],
      [
        [MON, route('lead-1', at(MON))],
        [MON, reroute('lead-1', ['rep-a'], at(MON))],
      ],
    );
    const same = answer(routingWhatIf(past, { from: MON, to: TUE }, []));
    expect(same.leads).toEqual([expect.objectContaining({ leadId: 'lead-1', actual: 'rep-b', whatIf: 'rep-b' })]);
    // Without rep-a, lead-1 goes straight to rep-b, who never declined it: the decline is not replayed.
    const withoutA = answer(
      routingWhatIf(past, { from: MON, to: TUE }, [{ kind: 'remove-member', from: MON, repId: 'rep-a' }]),
    );
    expect(withoutA.leads[0]).toMatchObject({ actual: 'rep-b', whatIf: 'rep-b', changed: false });
  });

  it('a lead queued in fact and claimed goes to a member in the what-if when a cap is lifted', () => {
    const capped = [created(), { ...added('rep-a', 1), data: { ...added('rep-a', 1).data, dailyCap: 1 } }];
    const past = history(capped, [
      [MON, route('lead-1', at(MON))],
      [MON, route('lead-2', at(MON))],
      [MON, { ...claim('lead-2', 'rep-z'), poolId: POOL }],
    ]);
    const fact = answer(routingWhatIf(past, { from: MON, to: TUE }, []));
    expect(fact.leads.map((lead) => [lead.actual, lead.whatIf])).toEqual([
      ['rep-a', 'rep-a'],
      ['rep-z', 'rep-z'],
    ]);
    const lifted = answer(
      routingWhatIf(past, { from: MON, to: TUE }, [{ kind: 'member', from: MON, repId: 'rep-a', dailyCap: null }]),
    );
    expect(lifted.leads.map((lead) => [lead.actual, lead.whatIf])).toEqual([
      ['rep-a', 'rep-a'],
      ['rep-z', 'rep-a'],
    ]);
    expect(totals(lifted)).toEqual({ 'rep-a': [1, 2, 1], 'rep-z': [1, 0, -1] });
  });
});
