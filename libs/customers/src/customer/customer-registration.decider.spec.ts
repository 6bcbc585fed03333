import { given } from '@leadledger/kernel/testing';
import type { RegisterCustomer } from './customer.commands';
import { customerDecider } from './customer.decider';
import { CUSTOMER_ID, PHONE, claimBy, ownedBy, registered } from './customer.fixtures';

const register: RegisterCustomer = {
  kind: 'RegisterCustomer',
  customerId: CUSTOMER_ID,
  keys: [PHONE],
  leadId: 'lead-1',
  channel: 'walk-in',
  finderRepId: 'rep-wang',
  at: '2026-03-01T09:00:00.000Z',
  owner: null,
};
/** Routing gives the customer to a rep for lead-2, protected for 7 days. */
const EMAIL = { kind: 'email', value: 'zhang.wei@example.com' } as const;

describe('customer decider: registration and identity keys', () => {
  describe('when the customer is not registered', () => {
    it('registers it from the first lead', () => {
      given(customerDecider).when(register).thenEvents([registered]);
    });

    it('registers it with the owner routing chose, in the same decision', () => {
      const owner = {
        repId: 'rep-wang',
        via: 'received-walk-in',
        reason: 'received the walk-in',
        protectionDays: 30,
        warningDays: 3,
      } as const;
      given(customerDecider)
        .when({ ...register, owner })
        .thenEvents([registered, ownedBy('rep-wang', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z')]);
    });

    it('refuses a customer without identity keys', () => {
      given(customerDecider)
        .when({ ...register, keys: [] })
        .thenRefuses({ code: 'CustomerNeedsIdentityKey' });
    });

    it('refuses a first owner without a reason', () => {
      const owner = {
        repId: 'rep-wang',
        via: 'pool-rotation',
        reason: ' ',
        protectionDays: 30,
        warningDays: 3,
      } as const;
      given(customerDecider)
        .when({ ...register, owner })
        .thenRefuses({ code: 'ReasonRequired' });
    });

    it('refuses claims and follow-ups on a customer that does not exist', () => {
      given(customerDecider).when(claimBy('rep-li', '2026-03-02T00:00:00Z')).thenRefuses({ code: 'CustomerUnknown' });
      given(customerDecider)
        .when({ kind: 'ReleaseCustomer', at: '2026-03-02T00:00:00Z', reason: 'owner-released' })
        .thenRefuses({ code: 'CustomerUnknown' });
    });
  });

  describe('when the customer is registered', () => {
    it('accepts a retried registration from the same lead without new events', () => {
      given(customerDecider, [registered]).when(register).thenEvents([]);
    });

    it('refuses a registration from another lead', () => {
      given(customerDecider, [registered])
        .when({ ...register, leadId: 'lead-2' })
        .thenRefuses({ code: 'CustomerAlreadyRegistered', facts: { customerId: CUSTOMER_ID } });
    });

    it('adds a key a later lead brought', () => {
      given(customerDecider, [registered])
        .when({ kind: 'AddIdentityKey', key: EMAIL, leadId: 'lead-2' })
        .thenEvents([
          { type: 'CustomerIdentityKeyAdded', data: { customerId: CUSTOMER_ID, key: EMAIL, leadId: 'lead-2' } },
        ]);
    });

    it('adds nothing for a key it already has', () => {
      given(customerDecider, [registered])
        .when({ kind: 'AddIdentityKey', key: PHONE, leadId: 'lead-2' })
        .thenEvents([]);
    });
  });
});
