import { given } from '@leadledger/kernel/testing';
import { repDecider } from './rep.decider';
import type { RepEvent } from './rep.events';

const registered: RepEvent = {
  type: 'RepRegistered',
  data: { repId: 'rep-wang', name: '王芳', email: 'wang.fang@example.cn', team: 'east' },
};

describe('rep decider', () => {
  describe('when not registered', () => {
    it('registers the rep with a lower-cased e-mail', () => {
      given(repDecider)
        .when({ kind: 'RegisterRep', repId: 'rep-wang', name: ' 王芳 ', email: 'Wang.Fang@Example.cn', team: 'east' })
        .thenEvents([registered]);
    });

    it('refuses a blank name', () => {
      given(repDecider)
        .when({ kind: 'RegisterRep', repId: 'rep-wang', name: '  ', email: 'wang@example.cn', team: 'east' })
        .thenRefuses({ code: 'RepNeedsName' });
    });

    it('refuses a departure', () => {
      given(repDecider)
        .when({ kind: 'DepartRep', mode: 'release', successor: null, reason: 'left' })
        .thenRefuses({ code: 'RepNotFound' });
    });
  });

  describe('when active', () => {
    it('refuses a second registration', () => {
      given(repDecider, [registered])
        .when({ kind: 'RegisterRep', repId: 'rep-wang', name: 'x', email: 'x@y.z', team: 't' })
        .thenRefuses({ code: 'RepAlreadyRegistered' });
    });

    it('departs handing everything to an active successor', () => {
      given(repDecider, [registered])
        .when({ kind: 'DepartRep', mode: 'hand-off', successor: { repId: 'rep-li', active: true }, reason: 'resigned' })
        .thenEvents([
          {
            type: 'RepDeparted',
            data: { repId: 'rep-wang', mode: 'hand-off', successorRepId: 'rep-li', reason: 'resigned' },
          },
        ]);
    });

    it('departs releasing everything to the shared pool', () => {
      given(repDecider, [registered])
        .when({
          kind: 'DepartRep',
          mode: 'release',
          successor: { repId: 'rep-li', active: true },
          reason: 'contract ended',
        })
        .thenEvents([
          {
            type: 'RepDeparted',
            data: { repId: 'rep-wang', mode: 'release', successorRepId: null, reason: 'contract ended' },
          },
        ]);
    });

    it('refuses a hand-off without a successor, to themselves, or to a departed rep', () => {
      const depart = (successor: { repId: string; active: boolean } | null) =>
        given(repDecider, [registered]).when({ kind: 'DepartRep', mode: 'hand-off', successor, reason: 'resigned' });
      depart(null).thenRefuses({ code: 'SuccessorRequired' });
      depart({ repId: 'rep-wang', active: true }).thenRefuses({ code: 'SuccessorIsDeparting' });
      depart({ repId: 'rep-zhao', active: false }).thenRefuses({
        code: 'SuccessorNotActive',
        facts: { successorRepId: 'rep-zhao' },
      });
    });

    it('refuses a departure without a reason', () => {
      given(repDecider, [registered])
        .when({ kind: 'DepartRep', mode: 'release', successor: null, reason: ' ' })
        .thenRefuses({ code: 'ReasonRequired' });
    });
  });

  describe('when departed', () => {
    it('refuses to depart again', () => {
      const departed: RepEvent = {
        type: 'RepDeparted',
        data: { repId: 'rep-wang', mode: 'release', successorRepId: null, reason: 'left' },
      };
      given(repDecider, [registered, departed])
        .when({ kind: 'DepartRep', mode: 'release', successor: null, reason: 'left' })
        .thenRefuses({ code: 'RepAlreadyDeparted' });
    });
  });
});

describe('handing over everything a rep holds', () => {
  const handOver = (toRepId: string, successorActive = true, reason = 'moved to the north team') =>
    ({ kind: 'RequestHandOver', toRepId, successorActive, reason, byActorId: 'key:mgr-1' }) as const;

  it('records the request: the rep stays active and the workflow moves each customer and lead', () => {
    given(repDecider, [registered])
      .when(handOver('rep-li', true, ' moved to the north team '))
      .thenEvents([
        {
          type: 'RepHandOverRequested',
          data: { repId: 'rep-wang', toRepId: 'rep-li', reason: 'moved to the north team', byActorId: 'key:mgr-1' },
        },
      ]);
    const requested: RepEvent = {
      type: 'RepHandOverRequested',
      data: { repId: 'rep-wang', toRepId: 'rep-li', reason: 'x', byActorId: 'key:mgr-1' },
    };
    expect([registered, requested].reduce(repDecider.evolve, repDecider.initialState)).toMatchObject({
      status: 'active',
    });
  });

  it('refuses an unknown rep, or one who departed', () => {
    given(repDecider).when(handOver('rep-li')).thenRefuses({ code: 'RepNotFound' });
    const departed: RepEvent = {
      type: 'RepDeparted',
      data: { repId: 'rep-wang', mode: 'hand-off', successorRepId: 'rep-li', reason: 'left' },
    };
    given(repDecider, [registered, departed])
      .when(handOver('rep-zhao'))
      .thenRefuses({ code: 'RepAlreadyDeparted', facts: { successorRepId: 'rep-li' } });
  });

  it('refuses a hand-over to the same rep or to a rep who is not active', () => {
    given(repDecider, [registered])
      .when(handOver('rep-wang'))
      .thenRefuses({ code: 'SuccessorIsSameRep', facts: { repId: 'rep-wang' } });
    given(repDecider, [registered])
      .when(handOver('rep-zhao', false))
      .thenRefuses({ code: 'SuccessorNotActive', facts: { successorRepId: 'rep-zhao' } });
  });

  it('refuses a hand-over without a reason', () => {
    given(repDecider, [registered])
      .when(handOver('rep-li', true, '  '))
      .thenRefuses({ code: 'ReasonRequired' });
  });
});

describe('rep decider: what is recorded as typed and what is tidied', () => {
  it('records the e-mail trimmed and lower-cased and the team trimmed', () => {
    given(repDecider)
      .when({ kind: 'RegisterRep', repId: 'rep-wang', name: '王芳', email: ' Wang.Fang@Example.cn ', team: ' east ' })
      .thenEvents([registered]);
  });

  it('records a departure’s reason trimmed, releasing with no successor named', () => {
    given(repDecider, [registered])
      .when({ kind: 'DepartRep', mode: 'release', successor: null, reason: ' contract ended ' })
      .thenEvents([
        {
          type: 'RepDeparted',
          data: { repId: 'rep-wang', mode: 'release', successorRepId: null, reason: 'contract ended' },
        },
      ]);
  });

  it('refuses registering a departed rep again, saying the rep departed', () => {
    const departed: RepEvent = {
      type: 'RepDeparted',
      data: { repId: 'rep-wang', mode: 'release', successorRepId: null, reason: 'left' },
    };
    given(repDecider, [registered, departed])
      .when({ kind: 'RegisterRep', repId: 'rep-wang', name: '王芳', email: 'w@example.cn', team: 'east' })
      .thenRefuses({ code: 'RepAlreadyRegistered', facts: { status: 'departed' } });
  });
});

describe('rep decider: what a refusal tells the manager', () => {
  // The 409's `message` is what the manager reads; the reason refusals name what needs one.
  const departed: RepEvent = {
    type: 'RepDeparted',
    data: { repId: 'rep-wang', mode: 'hand-off', successorRepId: 'rep-li', reason: 'left' },
  };
  const handOver = {
    kind: 'RequestHandOver',
    toRepId: 'rep-li',
    successorActive: true,
    reason: 'team change',
    byActorId: 'key:m',
  } as const;
  const hand = (successor: { repId: string; active: boolean } | null) =>
    ({ kind: 'DepartRep', mode: 'hand-off', successor, reason: 'resigned' }) as const;

  it.each([
    ['a departure of nobody', [], hand(null), 'No such rep'],
    ['a departure of a departed rep', [registered, departed], hand(null), 'This rep has already departed'],
    [
      'a second registration',
      [registered],
      { kind: 'RegisterRep', repId: 'rep-wang', name: 'x', email: 'x@y.z', team: 't' },
      'This rep is already registered',
    ],
    [
      'a blank name',
      [],
      { kind: 'RegisterRep', repId: 'rep-wang', name: ' ', email: 'x@y.z', team: 't' },
      'A rep needs a name',
    ],
    ['a departure without a reason', [registered], { ...hand(null), reason: ' ' }, 'A departure needs a reason'],
    ['a hand-off to nobody', [registered], hand(null), 'A hand-off names the rep who takes over'],
    [
      'a hand-off to oneself',
      [registered],
      hand({ repId: 'rep-wang', active: true }),
      'A rep cannot hand over to themselves',
    ],
    [
      'a hand-off to a departed rep',
      [registered],
      hand({ repId: 'rep-li', active: false }),
      'The successor is not an active rep',
    ],
    ['a hand-over without a reason', [registered], { ...handOver, reason: '' }, 'A hand-over needs a reason'],
    [
      'a hand-over to oneself',
      [registered],
      { ...handOver, toRepId: 'rep-wang' },
      'A rep cannot hand over to themselves',
    ],
    [
      'a hand-over to a departed rep',
      [registered],
      { ...handOver, successorActive: false },
      'The successor is not an active rep',
    ],
  ] as const)('refuses %s, saying so', (_case, history, command, message) => {
    const state = [...history].reduce(repDecider.evolve, repDecider.initialState);
    expect(repDecider.decide(command, state)).toMatchObject({ message });
  });
});
