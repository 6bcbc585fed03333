import { differingLeadFields } from './lead-request-comparison';
import type { LeadReceivedData } from './lead.events';

const first: LeadReceivedData = {
  leadId: 'lead-1',
  channel: 'web-form',
  contact: { name: '王女士', phone: '+8613800138000', email: 'wang@example.com', company: '华信科技' },
  identityKeys: [],
  externalId: 'crm-42',
  receivedBy: null,
  referralPartnerId: 'bank-x',
  poolId: 'pool-1',
};

describe('differingLeadFields: a lead pushed again under the same external id', () => {
  it('finds no difference in a true retry', () => {
    expect(differingLeadFields(first, { ...first })).toEqual([]);
  });

  it.each([
    ['channel', { channel: 'phone' }],
    ['contact.name', { contact: { ...first.contact, name: '王先生' } }],
    ['contact.phone', { contact: { ...first.contact, phone: '+8613900139000' } }],
    ['contact.email', { contact: { ...first.contact, email: 'w@example.com' } }],
    ['contact.company', { contact: { ...first.contact, company: '华信' } }],
    ['receivedBy', { receivedBy: 'rep-wang' }],
    ['referralPartnerId', { referralPartnerId: null }],
    ['poolId', { poolId: 'pool-2' }],
  ] as const)('names %s when only it differs', (field, change) => {
    expect(differingLeadFields(first, { ...first, ...change } as LeadReceivedData)).toEqual([field]);
  });

  it('names every differing field, in the fixed order', () => {
    const retried = {
      ...first,
      poolId: 'pool-2',
      channel: 'phone',
      contact: { ...first.contact, email: null },
    } as const;
    expect(differingLeadFields(first, retried)).toEqual(['channel', 'contact.email', 'poolId']);
  });
});
