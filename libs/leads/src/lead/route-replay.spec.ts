import type { MatchedCustomer } from './lead-routing-rules';
import type { LeadReceivedData } from './lead.events';
import { replayLeadRoute } from './route-replay';

const walkIn: LeadReceivedData = {
  leadId: 'lead-1',
  channel: 'walk-in',
  contact: { name: '王女士', phone: '+8613800138000', email: null, company: null },
  identityKeys: [],
  externalId: null,
  receivedBy: 'rep-wang',
  referralPartnerId: null,
  poolId: 'pool-1',
};
const nobodyOwns: MatchedCustomer = { customerId: 'cust-1', isNew: true, ownerId: null, protectedUntil: null };
const ownedByLi: MatchedCustomer = { ...nobodyOwns, isNew: false, ownerId: 'rep-li', protectedUntil: null };

describe('replaying a lead’s first routing', () => {
  it('is identical when the rules give the recorded rule and rep', () => {
    // Nobody owned the customer and rep-wang received the walk-in: the receiver's rule, rep-wang.
    expect(replayLeadRoute(walkIn, nobodyOwns, { rule: 'received-walk-in', repId: 'rep-wang' })).toEqual({
      replayed: { rule: 'received-walk-in', repId: 'rep-wang' },
      identical: true,
      differences: [],
    });
  });

  it('names the rule and the rep that differ when the customer had an owner then', () => {
    // rep-li owned the customer: the rules send the lead to rep-li, not to the receiver.
    expect(replayLeadRoute(walkIn, ownedByLi, { rule: 'received-walk-in', repId: 'rep-wang' })).toEqual({
      replayed: { rule: 'existing-customer', repId: 'rep-li' },
      identical: false,
      differences: [
        { input: 'rule', recorded: 'received-walk-in', replayed: 'existing-customer' },
        { input: 'repId', recorded: 'rep-wang', replayed: 'rep-li' },
      ],
    });
  });

  it('names only the rep when the rule is the same and the rep is not', () => {
    expect(replayLeadRoute(walkIn, ownedByLi, { rule: 'existing-customer', repId: 'rep-zhao' })).toEqual({
      replayed: { rule: 'existing-customer', repId: 'rep-li' },
      identical: false,
      differences: [{ input: 'repId', recorded: 'rep-zhao', replayed: 'rep-li' }],
    });
  });

  it('leaves the rep of a pool rotation to the pool’s own replay', () => {
    const webForm = { ...walkIn, channel: 'web-form', receivedBy: null } as const;
    expect(replayLeadRoute(webForm, nobodyOwns, { rule: 'pool-rotation', repId: 'rep-zhao' })).toEqual({
      replayed: { rule: 'pool-rotation', repId: null },
      identical: true,
      differences: [],
    });
  });

  it('says the rules refuse the lead now, naming the refusal', () => {
    const noRoute = { ...walkIn, channel: 'web-form', receivedBy: null, poolId: null } as const;
    expect(replayLeadRoute(noRoute, nobodyOwns, { rule: 'pool-rotation', repId: 'rep-zhao' })).toEqual({
      replayed: { refused: 'NoRouteForLead' },
      identical: false,
      differences: [{ input: 'rule', recorded: 'pool-rotation', replayed: 'NoRouteForLead' }],
    });
  });
});
