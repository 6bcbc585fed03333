import { given } from '@leadledger/kernel/testing';
import type { LeadCommand } from './lead.commands';
import { leadDecider } from './lead.decider';
import type { LeadEvent } from './lead.events';
import {
  accepted,
  assignedToWang,
  claimedBy,
  disqualified,
  flagged,
  matched,
  poolTrace,
  qualified,
  queued,
  received,
} from './lead.fixtures';
import { leadCustomerId } from './lead.state';

const fold = (history: readonly LeadEvent[]) => history.reduce(leadDecider.evolve, leadDecider.initialState);
const convert = (saleId: string, customerId = 'cust-1'): LeadCommand => ({ kind: 'ConvertLead', saleId, customerId });
const converted = (saleId: string): LeadEvent => ({
  type: 'LeadConverted',
  data: { leadId: 'lead-1', saleId, customerId: 'cust-1' },
});

describe('converting a lead into a sale', () => {
  describe('when the lead does not exist', () => {
    it('is refused as not found', () => {
      given(leadDecider).when(convert('sale-1')).thenRefuses({ code: 'LeadNotFound' });
      expect(leadCustomerId(fold([]))).toBeNull();
    });
  });

  describe('when nobody holds it', () => {
    it('converts a matched lead straight from received, held by nobody', () => {
      given(leadDecider, [received, matched])
        .when(convert('sale-1'))
        .thenEvents([converted('sale-1')]);
      expect(fold([received, matched, converted('sale-1')])).toMatchObject({
        status: 'converted',
        customerId: 'cust-1',
        repId: null,
        saleIds: ['sale-1'],
      });
    });

    it('converts a lead waiting in its pool’s queue', () => {
      given(leadDecider, [received, matched, queued])
        .when(convert('sale-1'))
        .thenEvents([converted('sale-1')]);
    });

    it('refuses a lead flagged for review, which belongs to no customer yet', () => {
      expect(leadCustomerId(fold([received, flagged]))).toBeNull();
      given(leadDecider, [received, flagged])
        .when(convert('sale-1'))
        .thenRefuses({ code: 'LeadOfAnotherCustomer', facts: { leadCustomerId: null, customerId: 'cust-1' } });
    });
  });

  describe('when a rep holds it', () => {
    it.each([
      ['assigned', [received, matched, assignedToWang]],
      ['accepted', [received, matched, assignedToWang, accepted]],
      ['qualified', [received, matched, assignedToWang, accepted, qualified]],
    ])('converts from %s, keeping the rep it converted under', (_status, history) => {
      given(leadDecider, history)
        .when(convert('sale-1'))
        .thenEvents([converted('sale-1')]);
      expect(fold([...history, converted('sale-1')])).toMatchObject({
        status: 'converted',
        repId: 'rep-wang',
        passedOver: [],
        saleIds: ['sale-1'],
      });
    });

    it('refuses a sale of another customer, naming the lead’s', () => {
      given(leadDecider, [received, matched, assignedToWang, accepted])
        .when(convert('sale-1', 'cust-2'))
        .thenRefuses({ code: 'LeadOfAnotherCustomer', facts: { leadCustomerId: 'cust-1', customerId: 'cust-2' } });
    });
  });

  describe('when disqualified', () => {
    it('is refused, with the reason it was disqualified', () => {
      given(leadDecider, [received, matched, assignedToWang, accepted, disqualified])
        .when(convert('sale-1'))
        .thenRefuses({ code: 'LeadDisqualified', facts: { reason: 'no-budget' } });
    });
  });

  describe('when converted', () => {
    const history = [received, matched, ...claimedBy('rep-li'), converted('sale-1')];

    it('changes nothing when the same sale converts it again', () => {
      given(leadDecider, history).when(convert('sale-1')).thenEvents([]);
    });

    it('converts again for a later sale, keeping every sale in order', () => {
      given(leadDecider, history)
        .when(convert('sale-2'))
        .thenEvents([converted('sale-2')]);
      expect(fold([...history, converted('sale-2')])).toMatchObject({
        status: 'converted',
        repId: 'rep-li',
        saleIds: ['sale-1', 'sale-2'],
      });
      given(leadDecider, [...history, converted('sale-2')])
        .when(convert('sale-2'))
        .thenEvents([]);
    });

    it('refuses a later sale of another customer', () => {
      given(leadDecider, history)
        .when(convert('sale-2', 'cust-9'))
        .thenRefuses({ code: 'LeadOfAnotherCustomer', facts: { leadCustomerId: 'cust-1', customerId: 'cust-9' } });
    });

    it('still names its customer', () => {
      expect(leadCustomerId(fold(history))).toBe('cust-1');
    });

    it('is done work: no assignment, hand-off or disqualification', () => {
      const closed = { code: 'LeadClosed', facts: { status: 'converted', saleIds: ['sale-1'] } };
      given(leadDecider, history)
        .when({ kind: 'AssignLead', repId: 'rep-wang', acceptBy: null, trace: poolTrace })
        .thenRefuses(closed);
      given(leadDecider, history)
        .when({ kind: 'AssignLead', repId: 'rep-wang', acceptBy: null, trace: { ...poolTrace, rule: 'hand-off' } })
        .thenRefuses(closed);
      given(leadDecider, history)
        .when({ kind: 'DisqualifyLead', repId: null, reason: 'duplicate', note: '' })
        .thenRefuses(closed);
    });

    it('is neither released, claimed, accepted nor expired', () => {
      given(leadDecider, history)
        .when({ kind: 'ReleaseLead', reason: 'rep-li departed' })
        .thenRefuses({ code: 'LeadNotHeld', facts: { status: 'converted' } });
      given(leadDecider, history)
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'converted', repId: 'rep-li' } });
      given(leadDecider, history)
        .when({ kind: 'AcceptLead', repId: 'rep-li' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'converted' } });
      given(leadDecider, history)
        .when({ kind: 'ExpireAcceptance', at: '2026-12-01T00:00:00.000Z' })
        .thenRefuses({ code: 'LeadNotAwaitingAcceptance', facts: { status: 'converted' } });
    });
  });
});
