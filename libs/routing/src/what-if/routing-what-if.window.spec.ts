import type { PoolCommand } from '../pool/pool.commands';
import { POOL, added, created, paused, reroute, route } from '../pool/pool.test-fixtures';
import { type RoutingChange, type RoutingWhatIfResult, routingWhatIf } from './routing-what-if';
import { MON, TUE, WED, FRI, answer, at, history } from './what-if-history.fixtures';

const leads = (day: string, ...ids: string[]): [string, PoolCommand][] => ids.map((id) => [day, route(id, at(day))]);
const onDay = (day: string, command: object): [string, PoolCommand] => [
  day,
  { poolId: POOL, ...at(day), ...command } as PoolCommand,
];
const capped = (repId: string, dailyCap: number) => added(repId, 1, dailyCap);

const holders = (result: RoutingWhatIfResult) =>
  Object.fromEntries(result.leads.map((lead) => [lead.leadId, [lead.actual, lead.whatIf]]));

describe('routing what-if: changes in date order', () => {
  it('applies changes by their day whatever order they are given in, and the later of two on one day', () => {
    // Wang 2, Li 1 in fact: A A B each day (Monday's cycle ends even, so Tuesday starts afresh).
    // What-if: Li 4 then Li 2 from Monday (the later wins: 2:2), Li 1 again from Tuesday.
    // Monday at 2:2: credits 2/2, a tie to Wang who joined first (−2/2); 0/4 → Li (0/0); 2/2 → Wang.
    // Tuesday, back at 2:1 with fresh credits: Wang, Wang, Li, as in fact.
    const past = history(
      [created(), added('rep-wang', 2), added('rep-li', 1)],
      [...leads(MON, 'm1', 'm2', 'm3'), ...leads(TUE, 't1', 't2', 't3')],
    );
    const changes: RoutingChange[] = [
      { kind: 'member', from: TUE, repId: 'rep-li', weight: 1 },
      { kind: 'member', from: MON, repId: 'rep-li', weight: 4 },
      { kind: 'member', from: MON, repId: 'rep-li', weight: 2 },
    ];

    const result = answer(routingWhatIf(past, { from: MON, to: WED }, changes));

    expect(holders(result)).toEqual({
      m1: ['rep-wang', 'rep-wang'],
      m2: ['rep-wang', 'rep-li'],
      m3: ['rep-li', 'rep-wang'],
      t1: ['rep-wang', 'rep-wang'],
      t2: ['rep-wang', 'rep-wang'],
      t3: ['rep-li', 'rep-li'],
    });
    // Every rep in either version, by rep id: 4 and 2 in both.
    expect(result.reps).toEqual([
      { repId: 'rep-li', actual: 2, whatIf: 2, difference: 0 },
      { repId: 'rep-wang', actual: 4, whatIf: 4, difference: 0 },
    ]);
    expect(result.changedLeads).toBe(2);
  });

  it('names a change dated before the pool existed', () => {
    const past = history([created(), added('rep-wang', 1)], leads(MON, 'm1'));
    const early: RoutingChange = { kind: 'strategy', from: '2026-02-28', strategy: 'least-assigned' };

    expect(routingWhatIf(past, { from: '2026-02-28', to: TUE }, [early])).toEqual({
      problems: [{ field: 'changes.0.from', problem: 'the pool did not exist yet on 2026-02-28' }],
    });
  });

  it('takes a change dated the day the pool was created from its creation', () => {
    // The pool is created on 1 March, in the window: Wang and Li 1:1 in fact (W L W L on Monday);
    // Wang 3 from that very day in the what-if: W W L W.
    const past = history([created(), added('rep-wang', 1), added('rep-li', 1)], leads(MON, 'm1', 'm2', 'm3', 'm4'));
    const heavier: RoutingChange = { kind: 'member', from: '2026-03-01', repId: 'rep-wang', weight: 3 };

    const result = answer(routingWhatIf(past, { from: '2026-03-01', to: TUE }, [heavier]));

    expect(result.reps).toEqual([
      { repId: 'rep-li', actual: 2, whatIf: 1, difference: -1 },
      { repId: 'rep-wang', actual: 2, whatIf: 3, difference: 1 },
    ]);
  });

  it('counts a monthly cap over the whole month, not the day', () => {
    // Wang and Li 1:1 give W L | W L. With Wang capped at 1 a month, Monday is W L and Tuesday L L.
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1)],
      [...leads(MON, 'm1', 'm2'), ...leads(TUE, 't1', 't2')],
    );
    const cap: RoutingChange = { kind: 'member', from: MON, repId: 'rep-wang', monthlyCap: 1 };

    const result = answer(routingWhatIf(past, { from: MON, to: WED }, [cap]));

    expect(result.reps).toEqual([
      { repId: 'rep-li', actual: 2, whatIf: 3, difference: 1 },
      { repId: 'rep-wang', actual: 2, whatIf: 1, difference: -1 },
    ]);
  });

  it('leaves out the events from the window’s end day on', () => {
    const past = history([created(), added('rep-wang', 1)], [...leads(MON, 'm1'), ...leads(TUE, 't1')]);

    expect(answer(routingWhatIf(past, { from: MON, to: TUE }, [])).leads.map((lead) => lead.leadId)).toEqual(['m1']);
  });
});

describe('routing what-if: the queue', () => {
  // Wang alone, at most one lead a day in fact: Monday's second lead waits.
  const oneADay = [created(), capped('rep-wang', 1)];

  it('a change dated after the last event still takes effect, and a member change drains the what-if queue', () => {
    const past = history(oneADay, leads(MON, 'm1', 'm2'));
    const lifted: RoutingChange = { kind: 'member', from: WED, repId: 'rep-wang', dailyCap: null };

    const result = answer(routingWhatIf(past, { from: MON, to: FRI }, [lifted]));

    expect(holders(result)).toEqual({ m1: ['rep-wang', 'rep-wang'], m2: [null, 'rep-wang'] });
    expect(result.unassigned).toEqual({ actual: 1, whatIf: 0, difference: -1 });
  });

  it('a strategy change does not drain the queue: nothing assigns queued leads until the pool drains', () => {
    // On Wednesday Wang could take a lead again, but nothing drains the queue that day.
    const past = history(oneADay, leads(MON, 'm1', 'm2'));
    const strategy: RoutingChange = { kind: 'strategy', from: WED, strategy: 'least-assigned' };

    const result = answer(routingWhatIf(past, { from: MON, to: FRI }, [strategy]));

    expect(holders(result)).toEqual({ m1: ['rep-wang', 'rep-wang'], m2: [null, null] });
    // Nobody holds m2 in either version: no rep named null.
    expect(result.reps).toEqual([{ repId: 'rep-wang', actual: 1, whatIf: 1, difference: 0 }]);
  });

  it('drains the what-if queue when the pool drained its own, and keeps the day a lead first came', () => {
    const past = history(oneADay, [...leads(MON, 'm1', 'm2'), onDay(TUE, { kind: 'DrainQueue' })]);

    const result = answer(routingWhatIf(past, { from: MON, to: WED }, []));

    expect(result.leads[1]).toEqual({
      leadId: 'm2',
      arrivedAt: `${MON}T02:00:00.000Z`,
      day: MON,
      actual: 'rep-wang',
      whatIf: 'rep-wang',
      changed: false,
    });
  });

  it('keeps a lead with its what-if rep when, withdrawn from the queue in fact, it is routed again', () => {
    // Fact: Wang (weight 2, one a day) takes m1; m2 waits, is withdrawn, and is routed again on
    // Tuesday, to Wang. What-if with Li (weight 1) joining: m1 → Wang (credits 2/1, Wang −1/1),
    // m2 → Li, Wang being at his cap. Routed afresh on Tuesday m2 would go to Wang (scores 3 and 3,
    // the heavier wins), but the what-if gave it to Li already.
    const past = history(
      [created(), added('rep-wang', 2, 1)],
      [
        ...leads(MON, 'm1', 'm2'),
        onDay(MON, { kind: 'WithdrawQueuedLead', leadId: 'm2', reason: 'duplicate' }),
        ...leads(TUE, 'm2'),
      ],
    );
    const li: RoutingChange = { kind: 'member', from: MON, repId: 'rep-li', weight: 1 };

    expect(holders(answer(routingWhatIf(past, { from: MON, to: WED }, [li])))).toEqual({
      m1: ['rep-wang', 'rep-wang'],
      m2: ['rep-wang', 'rep-li'],
    });
  });

  describe('a real change in the window drains the what-if queue as the pool would', () => {
    // Wang (cap 1 a day in the what-if) and Li (on leave). Monday: Wang takes both leads in fact;
    // in the what-if the second waits. On Tuesday Wang may take one again, once something drains.
    const setup = [created(), added('rep-wang', 1), added('rep-li', 1), paused('rep-li')];
    const cap: RoutingChange = { kind: 'member', from: MON, repId: 'rep-wang', dailyCap: 1 };
    const secondLead = (tuesday: object) => {
      const past = history(setup, [...leads(MON, 'm1', 'm2'), onDay(TUE, tuesday)]);
      return holders(answer(routingWhatIf(past, { from: MON, to: WED }, [cap]))).m2;
    };

    it.each([
      ['a member joining', { kind: 'AddMember', repId: 'rep-zhao', weight: 1, dailyCap: null, monthlyCap: null }],
      ['a member coming back', { kind: 'ResumeMember', repId: 'rep-li' }],
      ['a weight change', { kind: 'ChangeWeight', repId: 'rep-li', weight: 2 }],
      ['a cap change', { kind: 'ChangeCaps', repId: 'rep-li', dailyCap: 5, monthlyCap: null }],
    ])('after %s', (_, tuesday) => {
      // Wang and any newcomer start from fresh credits and a tie goes to Wang, who joined first.
      expect(secondLead(tuesday)).toEqual(['rep-wang', 'rep-wang']);
    });

    it('but not after a member leaves', () => {
      expect(secondLead({ kind: 'RemoveMember', repId: 'rep-li', reason: 'removed' })).toEqual(['rep-wang', null]);
    });
  });
});

describe('routing what-if: re-routes', () => {
  it('moves a lead declined twice past both reps, as in fact', () => {
    // Wang 3, Li 1, Zhao 1. m1: credits 3/1/1 → Wang (−2/1/1). Wang declines: Li and Zhao at 2/2
    // tie, Li joined first (0/2). Li declines: Zhao alone. Had the what-if forgotten that Wang
    // declined too, Wang (−2 + 3 = 1, scoring 4) would tie Zhao (2 + 1 = 3, scoring 4) and win as heavier.
    const past = history(
      [created(), added('rep-wang', 3), added('rep-li', 1), added('rep-zhao', 1)],
      [
        [MON, route('m1', at(MON))],
        [MON, reroute('m1', ['rep-wang'], at(MON))],
        [MON, reroute('m1', ['rep-wang', 'rep-li'], at(MON))],
      ],
    );

    expect(holders(answer(routingWhatIf(past, { from: MON, to: TUE }, [])))).toEqual({ m1: ['rep-zhao', 'rep-zhao'] });
  });

  it('leaves a lead with its what-if rep when someone else declined it in fact', () => {
    // Wang, Li, Zhao at 1:1:1. Fact: m1 → Wang (a three-way tie, Wang joined first), who declines;
    // then Li (Li and Zhao tie). What-if without Wang: m1 → Li (credits Li −1, Zhao 1). Wang's
    // decline is not Li's: m1 stays with Li, though a second pick would go to Zhao (scores 1 and 3).
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1), added('rep-zhao', 1)],
      [
        [MON, route('m1', at(MON))],
        [MON, reroute('m1', ['rep-wang'], at(MON))],
      ],
    );
    const withoutWang: RoutingChange = { kind: 'remove-member', from: MON, repId: 'rep-wang' };

    expect(holders(answer(routingWhatIf(past, { from: MON, to: TUE }, [withoutWang])))).toEqual({
      m1: ['rep-li', 'rep-li'],
    });
  });

  it('routes a lead that enters the pool by a re-route (its customer’s owner declined it), as in fact', () => {
    // m1 went straight to its customer's owner, Zhao (not a member), who declined it: the pool
    // takes it for the first time as a re-route. Wang 1, Li 1: a tie, Wang joined first.
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1)],
      [[MON, reroute('m1', ['rep-zhao'], at(MON))]],
    );

    const result = answer(routingWhatIf(past, { from: MON, to: TUE }, []));

    expect(holders(result)).toEqual({ m1: ['rep-wang', 'rep-wang'] });
    expect(result.unassigned).toEqual({ actual: 0, whatIf: 0, difference: 0 });
    // Without Wang in the what-if, the same re-route goes to Li.
    const withoutWang: RoutingChange = { kind: 'remove-member', from: MON, repId: 'rep-wang' };
    expect(holders(answer(routingWhatIf(past, { from: MON, to: TUE }, [withoutWang])))).toEqual({
      m1: ['rep-wang', 'rep-li'],
    });
  });

  it('queues a lead whose decline leaves nobody, in the what-if too', () => {
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1), paused('rep-li')],
      [
        [MON, route('m1', at(MON))],
        [MON, reroute('m1', ['rep-wang'], at(MON))],
      ],
    );

    const result = answer(routingWhatIf(past, { from: MON, to: TUE }, []));

    expect(holders(result)).toEqual({ m1: [null, null] });
    expect(result.reps).toEqual([]);
    expect(result.unassigned).toEqual({ actual: 1, whatIf: 1, difference: 0 });
  });

  it('leaves a lead waiting in the what-if queue when a rep declines it in fact', () => {
    // Fact: m1 → Wang, m2 → Li; Li declines m2 on Tuesday and it goes to Wang; t1 then goes to
    // Wang (credits 1/1 from 0/0, a tie to Wang who joined first). What-if: without Li and with
    // Wang capped at 1 a day, m2 waits from Monday; Li's decline is not the what-if's, so m2 keeps
    // waiting and Wang's one lead on Tuesday is t1.
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1)],
      [...leads(MON, 'm1', 'm2'), [TUE, reroute('m2', ['rep-li'], at(TUE))], ...leads(TUE, 't1')],
    );
    const changes: RoutingChange[] = [
      { kind: 'remove-member', from: MON, repId: 'rep-li' },
      { kind: 'member', from: MON, repId: 'rep-wang', dailyCap: 1 },
    ];

    expect(holders(answer(routingWhatIf(past, { from: MON, to: WED }, changes)))).toEqual({
      m1: ['rep-wang', 'rep-wang'],
      m2: ['rep-wang', null],
      t1: ['rep-wang', 'rep-wang'],
    });
  });
});

describe('routing what-if: real membership changes in the window', () => {
  it('keeps the what-if’s weight when the rep’s weight changes in fact', () => {
    // Fact: Wang 2, Li 1 give W W; Wang's weight goes to 3 (fresh credits) and 3:1 gives W W.
    // What-if: Wang 1 throughout, so 1:1 gives W L, and again W L after the real change.
    const past = history(
      [created(), added('rep-wang', 2), added('rep-li', 1)],
      [
        ...leads(MON, 'm1', 'm2'),
        onDay(MON, { kind: 'ChangeWeight', repId: 'rep-wang', weight: 3 }),
        ...leads(MON, 'm3', 'm4'),
      ],
    );
    const even: RoutingChange = { kind: 'member', from: MON, repId: 'rep-wang', weight: 1 };

    const result = answer(routingWhatIf(past, { from: MON, to: TUE }, [even]));

    expect(result.reps).toEqual([
      { repId: 'rep-li', actual: 0, whatIf: 2, difference: 2 },
      { repId: 'rep-wang', actual: 4, whatIf: 2, difference: -2 },
    ]);
  });

  it('ends the what-if’s terms for a rep who leaves the pool in fact', () => {
    // What-if Li 2, Wang 1: Monday L L (2/1 → Li −1/2; 1/2 tie, Li heavier). Li is removed on
    // Tuesday in fact, so the what-if has Wang alone too: W W. Fact: W L, then W W.
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1)],
      [
        ...leads(MON, 'm1', 'm2'),
        onDay(TUE, { kind: 'RemoveMember', repId: 'rep-li', reason: 'departed' }),
        ...leads(TUE, 't1', 't2'),
      ],
    );
    const heavier: RoutingChange = { kind: 'member', from: MON, repId: 'rep-li', weight: 2 };

    const result = answer(routingWhatIf(past, { from: MON, to: WED }, [heavier]));

    expect(holders(result)).toEqual({
      m1: ['rep-wang', 'rep-li'],
      m2: ['rep-li', 'rep-li'],
      t1: ['rep-wang', 'rep-wang'],
      t2: ['rep-wang', 'rep-wang'],
    });
  });

  it('brings back a rep the what-if removed once they are added to the pool again in fact', () => {
    // What-if without Li: Monday W W. Li is removed and added again on Tuesday in fact, which ends
    // the what-if's removal: Tuesday at 1:1 with fresh credits is W L, as in fact.
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1)],
      [
        ...leads(MON, 'm1', 'm2'),
        onDay(TUE, { kind: 'RemoveMember', repId: 'rep-li', reason: 'removed' }),
        onDay(TUE, { kind: 'AddMember', repId: 'rep-li', weight: 1, dailyCap: null, monthlyCap: null }),
        ...leads(TUE, 't1', 't2'),
      ],
    );
    const withoutLi: RoutingChange = { kind: 'remove-member', from: MON, repId: 'rep-li' };

    const result = answer(routingWhatIf(past, { from: MON, to: WED }, [withoutLi]));

    expect(holders(result)).toEqual({
      m1: ['rep-wang', 'rep-wang'],
      m2: ['rep-li', 'rep-wang'],
      t1: ['rep-wang', 'rep-wang'],
      t2: ['rep-li', 'rep-li'],
    });
  });

  it('keeps out a rep the what-if removes from the very day they joined in fact: the removal holds all that day', () => {
    // Fact: Li joins on Tuesday, after the day began: W; then W L. What-if without Li from Tuesday: W W W.
    const past = history(
      [created(), added('rep-wang', 1)],
      [
        ...leads(TUE, 't1'),
        onDay(TUE, { kind: 'AddMember', repId: 'rep-li', weight: 1, dailyCap: null, monthlyCap: null }),
        ...leads(TUE, 't2', 't3'),
      ],
    );
    const withoutLi: RoutingChange = { kind: 'remove-member', from: TUE, repId: 'rep-li' };

    const result = answer(routingWhatIf(past, { from: TUE, to: WED }, [withoutLi]));

    expect(result.reps).toEqual([
      { repId: 'rep-li', actual: 1, whatIf: 0, difference: -1 },
      { repId: 'rep-wang', actual: 2, whatIf: 3, difference: 1 },
    ]);
  });

  it('keeps a rep the what-if removed out when they only go on leave and come back in fact', () => {
    // Fact: W; Li on leave Tuesday: W; Li back Wednesday with fresh credits: W L. What-if: W W W W.
    const past = history(
      [created(), added('rep-wang', 1), added('rep-li', 1)],
      [
        ...leads(MON, 'm1'),
        onDay(TUE, { kind: 'PauseMember', repId: 'rep-li', reason: 'leave' }),
        ...leads(TUE, 't1'),
        onDay(WED, { kind: 'ResumeMember', repId: 'rep-li' }),
        ...leads(WED, 'w1', 'w2'),
      ],
    );
    const withoutLi: RoutingChange = { kind: 'remove-member', from: MON, repId: 'rep-li' };

    const result = answer(routingWhatIf(past, { from: MON, to: FRI }, [withoutLi]));

    expect(result.reps).toEqual([
      { repId: 'rep-li', actual: 1, whatIf: 0, difference: -1 },
      { repId: 'rep-wang', actual: 3, whatIf: 4, difference: 1 },
    ]);
  });
});
