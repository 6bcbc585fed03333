import { given } from '@leadledger/kernel/testing';
import { leadDecider } from './lead.decider';
import type { LeadEvent } from './lead.events';
import { assignedToWang, matched, receive, received } from './lead.fixtures';

const flaggedTwoCustomers: LeadEvent = {
  type: 'LeadFlaggedForReview',
  data: { leadId: 'lead-1', reason: 'identity keys belong to different customers', customerIds: ['cust-1', 'cust-9'] },
};
const evidence = [
  { kind: 'phone', value: '+8613800138000', customerId: 'cust-1' },
  { kind: 'email', value: 'x@example.cn', customerId: 'cust-9' },
];

describe('lead decider: retries, flags and reviews (issue 11)', () => {
  describe('when received under an external id', () => {
    it('refuses the same id with another body, naming each differing field', () => {
      given(leadDecider, [received])
        .when({ ...receive, contact: { ...receive.contact, phone: '139 0000 0000' }, poolId: 'pool-west' })
        .thenRefuses({
          code: 'IdempotencyKeyReused',
          facts: { leadId: 'lead-1', fields: ['contact.phone', 'poolId'] },
        });
    });

    it('still answers a true retry as already received', () => {
      given(leadDecider, [received]).when(receive).thenRefuses({ code: 'LeadAlreadyReceived' });
    });
  });

  describe('when flagged for review', () => {
    it('is flagged once: a retried intake writes nothing', () => {
      given(leadDecider, [received, flaggedTwoCustomers])
        .when({ kind: 'FlagForReview', reason: 'identity keys belong to different customers', customerIds: ['cust-1'] })
        .thenEvents([]);
    });

    it('is resolved to one of the customers the flag named, with the evidence', () => {
      given(leadDecider, [received, flaggedTwoCustomers])
        .when({ kind: 'ResolveReview', customerId: 'cust-9', reason: ' same buyer ', evidence })
        .thenEvents([
          {
            type: 'LeadReviewResolved',
            data: { leadId: 'lead-1', customerId: 'cust-9', reason: 'same buyer', evidence },
          },
        ]);
    });

    it('refuses a customer the flag did not name', () => {
      given(leadDecider, [received, flaggedTwoCustomers])
        .when({ kind: 'ResolveReview', customerId: 'cust-5', reason: 'guess', evidence })
        .thenRefuses({ code: 'CustomerNotInReview', facts: { customerIds: ['cust-1', 'cust-9'] } });
    });

    it('refuses a resolution without a reason', () => {
      given(leadDecider, [received, flaggedTwoCustomers])
        .when({ kind: 'ResolveReview', customerId: 'cust-1', reason: '  ', evidence })
        .thenRefuses({ code: 'ReasonRequired' });
    });

    it('can be assigned once resolved and matched', () => {
      const resolved: LeadEvent = {
        type: 'LeadReviewResolved',
        data: { leadId: 'lead-1', customerId: 'cust-1', reason: 'same buyer', evidence },
      };
      const { trace, acceptBy } = (assignedToWang as Extract<LeadEvent, { type: 'LeadAssigned' }>).data;
      given(leadDecider, [received, flaggedTwoCustomers, resolved, matched])
        .when({ kind: 'AssignLead', repId: 'rep-wang', acceptBy, trace })
        .thenEvents([assignedToWang]);
    });
  });

  describe('when flagged without naming customers', () => {
    // A flag with no customers named (or one logged before flags named them) restricts nothing.
    it('is resolved to whichever customer the manager chooses', () => {
      const resolvedTo9: LeadEvent = {
        type: 'LeadReviewResolved',
        data: { leadId: 'lead-1', customerId: 'cust-9', reason: 'same buyer', evidence },
      };
      const namingNone: LeadEvent = { ...flaggedTwoCustomers, data: { ...flaggedTwoCustomers.data, customerIds: [] } };
      given(leadDecider, [received, namingNone])
        .when({ kind: 'ResolveReview', customerId: 'cust-9', reason: 'same buyer', evidence })
        .thenEvents([resolvedTo9]);
      const { customerIds: _none, ...legacyData } = flaggedTwoCustomers.data as Extract<
        LeadEvent,
        { type: 'LeadFlaggedForReview' }
      >['data'];
      const legacy = { ...flaggedTwoCustomers, data: legacyData } as LeadEvent;
      given(leadDecider, [received, legacy])
        .when({ kind: 'ResolveReview', customerId: 'cust-9', reason: 'same buyer', evidence })
        .thenEvents([resolvedTo9]);
    });
  });

  describe('when not flagged', () => {
    it('refuses a review resolution of a lead waiting to be routed', () => {
      given(leadDecider, [received, matched])
        .when({ kind: 'ResolveReview', customerId: 'cust-1', reason: 'x', evidence })
        .thenRefuses({ code: 'LeadNotFlagged', facts: { status: 'received' } });
    });

    it('refuses a review resolution', () => {
      given(leadDecider, [received, matched, assignedToWang])
        .when({ kind: 'ResolveReview', customerId: 'cust-1', reason: 'x', evidence })
        .thenRefuses({ code: 'LeadNotFlagged', facts: { status: 'assigned' } });
    });
  });

  describe('when assigned with a deadline', () => {
    it('compares the deadline as an instant, not as text', () => {
      given(leadDecider, [received, matched, assignedToWang])
        .when({ kind: 'ExpireAcceptance', at: '2026-11-02T18:00:00+08:00' })
        .thenRefuses({ code: 'AcceptanceNotDue' });
    });
  });
});
