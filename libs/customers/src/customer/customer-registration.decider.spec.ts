import { given } from '@leadledger/kernel/testing';
import type { CustomerCommand, RegisterCustomer } from './customer.commands';
import { customerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
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
const AT = '2026-03-02T00:00:00.000Z';

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

    it('records the first owner’s reason without the spaces around it', () => {
      const owner = {
        repId: 'rep-wang',
        via: 'received-walk-in',
        reason: '  received the walk-in ',
        protectionDays: 30,
        warningDays: 3,
      } as const;
      given(customerDecider)
        .when({ ...register, owner })
        .thenEvents([registered, ownedBy('rep-wang', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z')]);
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

    // Each would otherwise emit an event without a customer id.
    it.each<[string, CustomerCommand]>([
      ['a key', { kind: 'AddIdentityKey', key: EMAIL, leadId: 'lead-2' }],
      [
        'routing',
        {
          kind: 'AssignOwnership',
          repId: 'rep-li',
          via: 'pool-rotation',
          reason: 'next in the rotation',
          leadId: 'lead-2',
          protectionDays: 7,
          warningDays: 2,
          at: AT,
        },
      ],
      ['a follow-up', { kind: 'LogFollowUp', repId: 'rep-li', followUpKind: 'call', note: 'n', at: AT }],
      ['a warning', { kind: 'WarnProtectionEnding', at: AT }],
      [
        'a transfer',
        {
          kind: 'TransferCustomer',
          toRepId: 'rep-li',
          byActorId: 'mgr-zhao',
          reason: 'hand-off',
          at: AT,
          protectionDays: 30,
          warningDays: 3,
          via: 'transfer',
        },
      ],
    ])('refuses %s for a customer that does not exist, with no event', (_, command) => {
      given(customerDecider).when(command).thenRefuses({ code: 'CustomerUnknown' });
    });

    it('refuses a registration dated with something that is not an instant', () => {
      given(customerDecider)
        .when({ ...register, at: 'soon' })
        .thenRefuses({ code: 'InvalidTime' });
    });
  });

  describe('when the customer is registered', () => {
    it('accepts a retried registration from the same lead without new events', () => {
      given(customerDecider, [registered]).when(register).thenEvents([]);
    });

    it('refuses a registration of another customer from the same lead', () => {
      given(customerDecider, [registered])
        .when({ ...register, customerId: 'cust-2' })
        .thenRefuses({ code: 'CustomerAlreadyRegistered', facts: { customerId: CUSTOMER_ID } });
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

    it('adds a second phone number: a key of a kind it has, with another value', () => {
      const secondPhone = { kind: 'phone', value: '+8613900139000' } as const;
      given(customerDecider, [registered])
        .when({ kind: 'AddIdentityKey', key: secondPhone, leadId: 'lead-2' })
        .thenEvents([
          { type: 'CustomerIdentityKeyAdded', data: { customerId: CUSTOMER_ID, key: secondPhone, leadId: 'lead-2' } },
        ]);
    });

    it('knows a key once it was added, and adds nothing for it again', () => {
      const added = {
        type: 'CustomerIdentityKeyAdded',
        data: { customerId: CUSTOMER_ID, key: EMAIL, leadId: 'lead-2' },
      };
      given(customerDecider, [registered, added as CustomerEvent])
        .when({ kind: 'AddIdentityKey', key: EMAIL, leadId: 'lead-3' })
        .thenEvents([]);
    });
  });
});
