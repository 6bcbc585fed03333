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
