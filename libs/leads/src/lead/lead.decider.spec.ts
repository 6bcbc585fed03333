import { given } from '@leadledger/kernel/testing';
import { leadDecider } from './lead.decider';
import type { AssignmentTrace, LeadEvent } from './lead.events';
import {
  accepted,
  assignedToWang,
  disqualified,
  flagged,
  matched,
  poolTrace,
  qualified,
  receive,
  received,
  routing,
} from './lead.fixtures';

describe('lead decider', () => {
  describe('when the lead does not exist', () => {
    it('receives it with its contact, keys, channel and pool', () => {
      given(leadDecider).when(receive).thenEvents([received]);
    });

    it('refuses any other command', () => {
      given(leadDecider).when({ kind: 'AcceptLead', repId: 'rep-wang' }).thenRefuses({ code: 'LeadNotFound' });
    });
  });

  describe('when received', () => {
    it('refuses to receive it twice', () => {
      given(leadDecider, [received])
        .when(receive)
        .thenRefuses({ code: 'LeadAlreadyReceived', facts: { leadId: 'lead-1', status: 'received' } });
    });

    it('matches it to a customer once; matching the same customer again changes nothing', () => {
      given(leadDecider, [received])
        .when({ kind: 'MatchCustomer', customerId: 'cust-1', isNewCustomer: true })
        .thenEvents([matched]);
      given(leadDecider, [received, matched])
        .when({ kind: 'MatchCustomer', customerId: 'cust-1', isNewCustomer: true })
        .thenEvents([]);
      given(leadDecider, [received, matched])
        .when({ kind: 'MatchCustomer', customerId: 'cust-2', isNewCustomer: false })
        .thenRefuses({ code: 'LeadAlreadyMatched', facts: { customerId: 'cust-1' } });
    });

    it('assigns it with the decision trace and an acceptance deadline', () => {
      given(leadDecider, [received, matched])
        .when({ kind: 'AssignLead', repId: 'rep-wang', acceptBy: '2026-11-02T10:30:00.000Z', trace: poolTrace })
        .thenEvents([assignedToWang]);
    });

    it('queues it in its pool when nobody is eligible', () => {
      given(leadDecider, [received, matched])
        .when({ kind: 'QueueLead', poolId: 'pool-east', reason: 'every member paused or at cap' })
        .thenEvents([
          {
            type: 'LeadQueued',
            data: { leadId: 'lead-1', poolId: 'pool-east', reason: 'every member paused or at cap' },
          },
        ]);
    });

    it('cannot be accepted before it is assigned', () => {
      given(leadDecider, [received])
        .when({ kind: 'AcceptLead', repId: 'rep-wang' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance' });
    });
  });

  describe('when its keys point at two customers', () => {
    it('is flagged for review, not merged', () => {
      given(leadDecider, [received])
        .when({ kind: 'FlagForReview', reason: 'keys match different customers', customerIds: ['cust-1', 'cust-9'] })
        .thenEvents([flagged]);
    });

    it('refuses assignment until reviewed', () => {
      given(leadDecider, [received, flagged])
        .when({ kind: 'AssignLead', repId: 'rep-wang', acceptBy: null, trace: poolTrace })
        .thenRefuses({ code: 'LeadNeedsReview', facts: { leadId: 'lead-1' } });
    });
  });

  describe('when assigned to a rep', () => {
    const history = [received, matched, assignedToWang];

    it('is accepted by that rep', () => {
      given(leadDecider, history).when({ kind: 'AcceptLead', repId: 'rep-wang' }).thenEvents([accepted]);
    });

    it('refuses acceptance by another rep, naming whose it is', () => {
      given(leadDecider, history)
        .when({ kind: 'AcceptLead', repId: 'rep-li' })
        .thenRefuses({ code: 'NotAssignedToRep', facts: { assignedTo: 'rep-wang', status: 'assigned' } });
    });

    it('is declined by that rep with a reason', () => {
      given(leadDecider, history)
        .when({ kind: 'DeclineLead', repId: 'rep-wang', reason: 'on leave tomorrow' })
        .thenEvents([
          { type: 'LeadDeclined', data: { leadId: 'lead-1', repId: 'rep-wang', reason: 'on leave tomorrow' } },
        ]);
    });

    it('expires once the deadline has passed, not before', () => {
      given(leadDecider, history)
        .when({ kind: 'ExpireAcceptance', at: '2026-11-02T10:29:59.000Z' })
        .thenRefuses({ code: 'AcceptanceNotDue', facts: { acceptBy: '2026-11-02T10:30:00.000Z' } });
      given(leadDecider, history)
        .when({ kind: 'ExpireAcceptance', at: '2026-11-02T10:30:00.000Z' })
        .thenEvents([
          {
            type: 'LeadAcceptanceExpired',
            data: { leadId: 'lead-1', repId: 'rep-wang', acceptBy: '2026-11-02T10:30:00.000Z' },
          },
        ]);
    });

    it('moves to the next rep after expiry, keeping who was passed over', () => {
      const expired: LeadEvent = {
        type: 'LeadAcceptanceExpired',
        data: { leadId: 'lead-1', repId: 'rep-wang', acceptBy: '2026-11-02T10:30:00.000Z' },
      };
      const state = [...history, expired].reduce(leadDecider.evolve, leadDecider.initialState);
      expect(state).toMatchObject({ status: 'received', passedOver: ['rep-wang'] });
      const next: AssignmentTrace = {
        rule: 'reassigned-after-sla',
        pool: routing,
        note: 'rep-wang did not accept in time',
      };
      given(leadDecider, [...history, expired])
        .when({ kind: 'AssignLead', repId: 'rep-li', acceptBy: '2026-11-02T11:00:00.000Z', trace: next })
        .thenEvents([
          {
            type: 'LeadAssigned',
            data: { leadId: 'lead-1', repId: 'rep-li', acceptBy: '2026-11-02T11:00:00.000Z', trace: next },
          },
        ]);
    });

    it('refuses to assign it to the same rep again', () => {
      given(leadDecider, history)
        .when({ kind: 'AssignLead', repId: 'rep-wang', acceptBy: null, trace: poolTrace })
        .thenRefuses({ code: 'AlreadyAssignedToRep', facts: { repId: 'rep-wang' } });
    });
  });

  describe('when accepted', () => {
    const history = [received, matched, assignedToWang, accepted];

    it('accepting again by the same rep changes nothing', () => {
      given(leadDecider, history).when({ kind: 'AcceptLead', repId: 'rep-wang' }).thenEvents([]);
    });

    it('is qualified as an opportunity by its rep', () => {
      given(leadDecider, history)
        .when({ kind: 'QualifyLead', repId: 'rep-wang', note: 'budget confirmed' })
        .thenEvents([
          { type: 'LeadQualified', data: { leadId: 'lead-1', repId: 'rep-wang', note: 'budget confirmed' } },
        ]);
    });

    it('refuses reassignment except by a hand-off, which keeps it accepted', () => {
      given(leadDecider, history)
        .when({ kind: 'AssignLead', repId: 'rep-li', acceptBy: null, trace: poolTrace })
        .thenRefuses({ code: 'LeadAlreadyAccepted', facts: { repId: 'rep-wang', status: 'accepted' } });
      const handOff: AssignmentTrace = { rule: 'hand-off', pool: null, note: 'rep-wang resigned' };
      const handedOver: LeadEvent = {
        type: 'LeadAssigned',
        data: { leadId: 'lead-1', repId: 'rep-li', acceptBy: null, trace: handOff },
      };
      given(leadDecider, history)
        .when({ kind: 'AssignLead', repId: 'rep-li', acceptBy: null, trace: handOff })
        .thenEvents([handedOver]);
      expect([...history, handedOver].reduce(leadDecider.evolve, leadDecider.initialState)).toMatchObject({
        status: 'accepted',
        repId: 'rep-li',
      });
    });

    it('is disqualified with a reason by its rep, or by a manager', () => {
      given(leadDecider, history)
        .when({ kind: 'DisqualifyLead', repId: 'rep-wang', reason: 'no-budget', note: 'next year' })
        .thenEvents([disqualified]);
      given(leadDecider, history)
        .when({ kind: 'DisqualifyLead', repId: 'rep-li', reason: 'spam', note: '' })
        .thenRefuses({ code: 'NotAssignedToRep' });
      given(leadDecider, [...history, disqualified])
        .when({ kind: 'AssignLead', repId: 'rep-li', acceptBy: null, trace: poolTrace })
        .thenRefuses({ code: 'LeadClosed', facts: { status: 'disqualified', reason: 'no-budget' } });
    });
  });

  describe('when qualified', () => {
    it('refuses reassignment by the pool, as an accepted lead does', () => {
      given(leadDecider, [received, matched, assignedToWang, accepted, qualified])
        .when({ kind: 'AssignLead', repId: 'rep-li', acceptBy: null, trace: poolTrace })
        .thenRefuses({ code: 'LeadAlreadyAccepted', facts: { repId: 'rep-wang', status: 'qualified' } });
    });
  });
});
