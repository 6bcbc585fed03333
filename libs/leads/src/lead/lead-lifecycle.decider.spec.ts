import { given } from '@leadledger/kernel/testing';
import { DISQUALIFICATION_REASONS } from './lead-channel';
import type { LeadCommand } from './lead.commands';
import { leadDecider } from './lead.decider';
import type { LeadEvent } from './lead.events';
import {
  accepted,
  assignedToWang,
  declinedByWang,
  disqualified,
  flagged,
  matched,
  poolTrace,
  qualified,
  queued,
  received,
} from './lead.fixtures';

const fold = (history: readonly LeadEvent[]) => history.reduce(leadDecider.evolve, leadDecider.initialState);
const assigned = [received, matched, assignedToWang];

describe('a lead’s lifecycle, branch by branch', () => {
  describe('when the lead does not exist', () => {
    it.each<LeadCommand>([
      { kind: 'DeclineLead', repId: 'rep-wang', reason: 'busy' },
      { kind: 'QualifyLead', repId: 'rep-wang', note: '' },
      { kind: 'DisqualifyLead', repId: null, reason: 'spam', note: '' },
      { kind: 'ExpireAcceptance', at: '2026-11-02T10:30:00.000Z' },
      { kind: 'AssignLead', repId: 'rep-wang', acceptBy: null, trace: poolTrace },
    ])('refuses $kind as not found', (command) => {
      given(leadDecider).when(command).thenRefuses({ code: 'LeadNotFound' });
    });
  });

  describe('when received', () => {
    it('refuses to be declined, expired or qualified, since nobody holds it', () => {
      given(leadDecider, [received])
        .when({ kind: 'DeclineLead', repId: 'rep-wang', reason: 'busy' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'received' } });
      given(leadDecider, [received])
        .when({ kind: 'ExpireAcceptance', at: '2026-11-02T10:30:00.000Z' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'received' } });
      given(leadDecider, [received])
        .when({ kind: 'QualifyLead', repId: 'rep-wang', note: '' })
        .thenRefuses({ code: 'LeadNotAccepted', facts: { status: 'received' } });
    });

    it('is disqualified by a manager before anyone holds it', () => {
      given(leadDecider, [received, flagged])
        .when({ kind: 'DisqualifyLead', repId: null, reason: 'duplicate', note: 'same as lead-0' })
        .thenEvents([
          {
            type: 'LeadDisqualified',
            data: { leadId: 'lead-1', repId: null, reason: 'duplicate', note: 'same as lead-0' },
          },
        ]);
    });

    it('refuses a rep’s disqualification, since it is not theirs', () => {
      given(leadDecider, [received, matched])
        .when({ kind: 'DisqualifyLead', repId: 'rep-wang', reason: 'spam', note: '' })
        .thenRefuses({ code: 'NotAssignedToRep', facts: { assignedTo: null, status: 'received' } });
    });
  });

  describe('when queued in its pool', () => {
    it('is assigned when a member becomes eligible', () => {
      given(leadDecider, [received, matched, queued])
        .when({ kind: 'AssignLead', repId: 'rep-wang', acceptBy: '2026-11-02T10:30:00.000Z', trace: poolTrace })
        .thenEvents([assignedToWang]);
    });

    it('cannot be accepted before it is assigned', () => {
      given(leadDecider, [received, matched, queued])
        .when({ kind: 'AcceptLead', repId: 'rep-wang' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'queued' } });
    });

    it('cannot be flagged for review any more', () => {
      given(leadDecider, [received, matched, queued])
        .when({ kind: 'FlagForReview', reason: 'late conflict', customerIds: ['cust-1', 'cust-2'] })
        .thenRefuses({ code: 'LeadAlreadyRouted', facts: { status: 'queued' } });
    });
  });

  describe('when assigned to a rep', () => {
    it('refuses a decline by another rep, naming whose it is', () => {
      given(leadDecider, assigned)
        .when({ kind: 'DeclineLead', repId: 'rep-li', reason: 'busy' })
        .thenRefuses({ code: 'NotAssignedToRep', facts: { assignedTo: 'rep-wang', status: 'assigned' } });
    });

    it('goes back to be routed again after a decline, remembering who passed', () => {
      expect(fold([...assigned, declinedByWang])).toMatchObject({
        status: 'received',
        flaggedForReview: false,
        passedOver: ['rep-wang'],
      });
    });

    it('cannot be qualified before it is accepted', () => {
      given(leadDecider, assigned)
        .when({ kind: 'QualifyLead', repId: 'rep-wang', note: 'keen' })
        .thenRefuses({ code: 'LeadNotAccepted', facts: { status: 'assigned' } });
    });

    it('has no deadline to expire when it was given without one', () => {
      const noDeadline: LeadEvent = {
        type: 'LeadAssigned',
        data: {
          leadId: 'lead-1',
          repId: 'rep-wang',
          acceptBy: null,
          trace: { ...poolTrace, rule: 'received-walk-in' },
        },
      };
      given(leadDecider, [received, matched, noDeadline])
        .when({ kind: 'ExpireAcceptance', at: '2027-01-01T00:00:00.000Z' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'assigned' } });
    });

    it('cannot be queued while a rep holds it: a pool that assigned it from its queue is not undone', () => {
      given(leadDecider, assigned)
        .when({ kind: 'QueueLead', poolId: 'pool-east', reason: 'nobody else eligible' })
        .thenRefuses({ code: 'LeadNotRoutable', facts: { status: 'assigned' } });
    });
  });

  describe('when accepted', () => {
    const history = [...assigned, accepted];

    it('cannot be declined, accepted by another rep or expired any more', () => {
      given(leadDecider, history)
        .when({ kind: 'DeclineLead', repId: 'rep-wang', reason: 'changed my mind' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'accepted' } });
      given(leadDecider, history)
        .when({ kind: 'AcceptLead', repId: 'rep-li' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'accepted' } });
      given(leadDecider, history)
        .when({ kind: 'ExpireAcceptance', at: '2026-11-03T00:00:00.000Z' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'accepted' } });
    });

    it('refuses qualification by another rep', () => {
      given(leadDecider, history)
        .when({ kind: 'QualifyLead', repId: 'rep-li', note: '' })
        .thenRefuses({ code: 'NotAssignedToRep', facts: { assignedTo: 'rep-wang', status: 'accepted' } });
    });

    it('cannot wait in a pool’s queue any more', () => {
      given(leadDecider, history)
        .when({ kind: 'QueueLead', poolId: 'pool-east', reason: 'x' })
        .thenRefuses({ code: 'LeadNotRoutable', facts: { status: 'accepted' } });
    });

    it.each(DISQUALIFICATION_REASONS)('is disqualified by its rep as %s', (reason) => {
      given(leadDecider, history)
        .when({ kind: 'DisqualifyLead', repId: 'rep-wang', reason, note: 'called twice' })
        .thenEvents([
          { type: 'LeadDisqualified', data: { leadId: 'lead-1', repId: 'rep-wang', reason, note: 'called twice' } },
        ]);
    });
  });

  describe('when qualified', () => {
    const history = [...assigned, accepted, qualified];

    it('is an opportunity held by its rep', () => {
      expect(fold(history)).toMatchObject({ status: 'qualified', repId: 'rep-wang', via: 'pool-rotation' });
    });

    it('cannot be qualified again, and is still disqualified by a manager', () => {
      given(leadDecider, history)
        .when({ kind: 'QualifyLead', repId: 'rep-wang', note: '' })
        .thenRefuses({ code: 'LeadNotAccepted', facts: { status: 'qualified' } });
      given(leadDecider, history)
        .when({ kind: 'DisqualifyLead', repId: null, reason: 'unreachable', note: '' })
        .thenEvents([
          { type: 'LeadDisqualified', data: { leadId: 'lead-1', repId: null, reason: 'unreachable', note: '' } },
        ]);
    });
  });

  describe('when disqualified', () => {
    it('is closed: no second disqualification, acceptance or qualification', () => {
      const history = [...assigned, accepted, disqualified];
      expect(fold(history)).toMatchObject({ status: 'disqualified', reason: 'no-budget' });
      given(leadDecider, history)
        .when({ kind: 'DisqualifyLead', repId: null, reason: 'spam', note: '' })
        .thenRefuses({ code: 'LeadClosed', facts: { reason: 'no-budget' } });
      given(leadDecider, history)
        .when({ kind: 'AcceptLead', repId: 'rep-wang' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'disqualified' } });
      given(leadDecider, history)
        .when({ kind: 'QualifyLead', repId: 'rep-wang', note: '' })
        .thenRefuses({ code: 'LeadNotAccepted', facts: { status: 'disqualified' } });
    });
  });
});
