import { given } from '@leadledger/kernel/testing';
import { leadDecider } from './lead.decider';
import type { LeadEvent } from './lead.events';
import {
  accepted,
  assignedToWang,
  claimedBy,
  declinedByWang,
  disqualified,
  flagged,
  matched,
  qualified,
  queued,
  received,
} from './lead.fixtures';

const fold = (history: readonly LeadEvent[]) => history.reduce(leadDecider.evolve, leadDecider.initialState);
const released = (repId: string): LeadEvent => ({
  type: 'LeadReleased',
  data: { leadId: 'lead-1', repId, reason: 'rep-wang departed' },
});

describe('claiming a lead', () => {
  describe('when it waits in its pool’s queue', () => {
    it('goes to the rep who claims it, accepted at once and with no deadline', () => {
      given(leadDecider, [received, matched, queued])
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenEvents(claimedBy('rep-li', 'rep-li claimed it from the queue of pool pool-east'));
      expect(fold([received, matched, queued, ...claimedBy('rep-li')])).toMatchObject({
        status: 'accepted',
        repId: 'rep-li',
        via: 'claim',
      });
    });
  });

  describe('when nobody holds it', () => {
    it('can be claimed once received and matched', () => {
      given(leadDecider, [received, matched])
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenEvents(claimedBy('rep-li'));
    });

    it('can be claimed after its rep declined it, even by that rep', () => {
      const history = [received, matched, assignedToWang, declinedByWang];
      given(leadDecider, history).when({ kind: 'ClaimLead', repId: 'rep-li' }).thenEvents(claimedBy('rep-li'));
      given(leadDecider, history).when({ kind: 'ClaimLead', repId: 'rep-wang' }).thenEvents(claimedBy('rep-wang'));
    });

    it('is refused while it waits for review, and nobody holds it', () => {
      given(leadDecider, [received, flagged])
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'received', repId: null } });
    });
  });

  describe('when a rep holds it', () => {
    it('is refused, naming the rep, while it awaits acceptance', () => {
      given(leadDecider, [received, matched, assignedToWang])
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'assigned', repId: 'rep-wang' } });
    });

    it('is refused once accepted or qualified', () => {
      given(leadDecider, [received, matched, assignedToWang, accepted])
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'accepted', repId: 'rep-wang' } });
      given(leadDecider, [received, matched, assignedToWang, accepted, qualified])
        .when({ kind: 'ClaimLead', repId: 'rep-wang' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'qualified', repId: 'rep-wang' } });
    });

    it('is refused to the rep it was routed to and who accepted it: a claim is not how they got it', () => {
      given(leadDecider, [received, matched, assignedToWang, accepted])
        .when({ kind: 'ClaimLead', repId: 'rep-wang' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'accepted', repId: 'rep-wang' } });
    });

    it('is refused to the rep who claimed it once they qualified it: only an accepted claim is retried', () => {
      given(leadDecider, [
        received,
        matched,
        queued,
        ...claimedBy('rep-li'),
        { ...qualified, data: { ...qualified.data, repId: 'rep-li' } },
      ])
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'qualified', repId: 'rep-li' } });
    });

    it('changes nothing when the rep who claimed it claims it again (a retry)', () => {
      given(leadDecider, [received, matched, queued, ...claimedBy('rep-li')])
        .when({ kind: 'ClaimLead', repId: 'rep-li' })
        .thenEvents([]);
    });

    it('is refused to a second claimant, naming the first', () => {
      given(leadDecider, [received, matched, queued, ...claimedBy('rep-li')])
        .when({ kind: 'ClaimLead', repId: 'rep-zhao' })
        .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'accepted', repId: 'rep-li' } });
    });
  });

  it('is refused once the lead is disqualified, and for a lead that does not exist', () => {
    given(leadDecider, [received, matched, assignedToWang, accepted, disqualified])
      .when({ kind: 'ClaimLead', repId: 'rep-li' })
      .thenRefuses({ code: 'LeadNotClaimable', facts: { status: 'disqualified', repId: null } });
    given(leadDecider).when({ kind: 'ClaimLead', repId: 'rep-li' }).thenRefuses({ code: 'LeadNotFound' });
  });
});

describe('releasing a lead to the shared pool', () => {
  it.each([
    ['assigned', [received, matched, assignedToWang]],
    ['accepted', [received, matched, assignedToWang, accepted]],
    ['qualified', [received, matched, assignedToWang, accepted, qualified]],
  ])('releases an %s lead from its rep, with the reason', (_status, history) => {
    given(leadDecider, history)
      .when({ kind: 'ReleaseLead', reason: ' rep-wang departed ' })
      .thenEvents([released('rep-wang')]);
  });

  it('leaves it received, unassigned, not flagged and claimable, keeping who passed it over', () => {
    const history = [received, matched, assignedToWang, declinedByWang, ...claimedBy('rep-li'), released('rep-li')];
    const state = fold(history);
    expect(state).toEqual({
      status: 'received',
      lead: received.data,
      customerId: 'cust-1',
      passedOver: ['rep-wang'],
      flaggedForReview: false,
    });
    given(leadDecider, history).when({ kind: 'ClaimLead', repId: 'rep-zhao' }).thenEvents(claimedBy('rep-zhao'));
  });

  it('is refused for a lead no rep holds', () => {
    given(leadDecider, [received, matched, queued])
      .when({ kind: 'ReleaseLead', reason: 'rep-wang departed' })
      .thenRefuses({ code: 'LeadNotHeld', facts: { status: 'queued' } });
    given(leadDecider, [received, matched, assignedToWang, accepted, disqualified])
      .when({ kind: 'ReleaseLead', reason: 'rep-wang departed' })
      .thenRefuses({ code: 'LeadNotHeld', facts: { status: 'disqualified' } });
    given(leadDecider, [received, matched, assignedToWang, accepted, released('rep-wang')])
      .when({ kind: 'ReleaseLead', reason: 'rep-wang departed' })
      .thenRefuses({ code: 'LeadNotHeld', facts: { status: 'received' } });
  });

  it('is refused without a reason', () => {
    given(leadDecider, [received, matched, assignedToWang])
      .when({ kind: 'ReleaseLead', reason: '  ' })
      .thenRefuses({ code: 'ReasonRequired' });
  });
});
