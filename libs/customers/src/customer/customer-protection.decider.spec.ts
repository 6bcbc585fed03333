import { given } from '@leadledger/kernel/testing';
import type { LogFollowUp, TransferCustomer } from './customer.commands';
import { customerDecider } from './customer.decider';
import type { CustomerEvent } from './customer.events';
import { CUSTOMER_ID, claimBy, ownedBy, releasedFrom, wangOwns } from './customer.fixtures';

const followUp: LogFollowUp = {
  kind: 'LogFollowUp',
  repId: 'rep-wang',
  followUpKind: 'visit',
  note: '到店看样品，报价下周给',
  at: '2026-03-20T09:00:00.000Z',
};
const followedUp: CustomerEvent = {
  type: 'FollowUpLogged',
  data: {
    customerId: CUSTOMER_ID,
    repId: 'rep-wang',
    kind: 'visit',
    note: '到店看样品，报价下周给',
    at: '2026-03-20T09:00:00.000Z',
    protectedUntil: '2026-04-19T09:00:00.000Z',
  },
};
const warned: CustomerEvent = {
  type: 'ProtectionWarningIssued',
  data: {
    customerId: CUSTOMER_ID,
    repId: 'rep-wang',
    protectedUntil: '2026-03-31T09:00:00.000Z',
    at: '2026-03-28T09:00:00.000Z',
  },
};
const warn = (at: string) => ({ kind: 'WarnProtectionEnding', at }) as const;
const expire = (at: string) => ({ kind: 'ReleaseCustomer', at, reason: 'protection-expired' }) as const;
const transfer: TransferCustomer = {
  kind: 'TransferCustomer',
  toRepId: 'rep-li',
  byActorId: 'mgr-zhao',
  reason: '王离职，客户移交给李',
  at: '2026-03-15T00:00:00.000Z',
  protectionDays: 30,
  warningDays: 3,
  via: 'departure-hand-off',
};
/** Wang owns the customer through a pool whose policy is 7 days of protection, warned 2 days before. */
const wangOwnsUnderPool: CustomerEvent[] = [
  wangOwns[0],
  ownedBy('rep-wang', '2026-03-01T09:00:00.000Z', '2026-03-08T09:00:00.000Z', { protectionDays: 7, warningDays: 2 }),
];

/** The departing rep's customer, handed to their successor by the manager. */
const handedToLi = ownedBy('rep-li', '2026-03-15T00:00:00.000Z', '2026-04-14T00:00:00.000Z', {
  via: 'departure-hand-off',
  reason: '王离职，客户移交给李',
  leadId: null,
  byActorId: 'mgr-zhao',
});

describe('customer decider: follow-ups, protection, release and transfer', () => {
  describe('when owned and protected', () => {
    it('logs the owner’s follow-up and extends protection from its time', () => {
      given(customerDecider, wangOwns).when(followUp).thenEvents([followedUp]);
    });

    it('extends protection by the days of the policy the owner got the customer under', () => {
      given(customerDecider, wangOwnsUnderPool)
        .when({ ...followUp, at: '2026-03-05T09:00:00.000Z' })
        .thenEvents([
          {
            ...followedUp,
            data: { ...followedUp.data, at: '2026-03-05T09:00:00.000Z', protectedUntil: '2026-03-12T09:00:00.000Z' },
          },
        ]);
    });

    it('extends protection by the policy a transfer brought, not the one before it', () => {
      const toLi = ownedBy('rep-li', '2026-03-15T00:00:00.000Z', '2026-03-25T00:00:00.000Z', {
        via: 'transfer',
        reason: 'territory change',
        leadId: null,
        byActorId: 'mgr-zhao',
        protectionDays: 10,
      });
      given(customerDecider, [...wangOwns, toLi])
        .when({ ...followUp, repId: 'rep-li', at: '2026-03-20T00:00:00.000Z' })
        .thenEvents([
          {
            ...followedUp,
            data: {
              ...followedUp.data,
              repId: 'rep-li',
              at: '2026-03-20T00:00:00.000Z',
              protectedUntil: '2026-03-30T00:00:00.000Z',
            },
          },
        ]);
    });

    it('refuses a follow-up by anyone but the owner', () => {
      given(customerDecider, wangOwns)
        .when({ ...followUp, repId: 'rep-li' })
        .thenRefuses({ code: 'NotOwner', facts: { ownerId: 'rep-wang' } });
    });

    it('warns nothing while the end is further away than the warning days', () => {
      given(customerDecider, wangOwns).when(warn('2026-03-28T08:59:59.000Z')).thenEvents([]);
    });

    it('warns the owner once the end is within the warning days', () => {
      given(customerDecider, wangOwns).when(warn('2026-03-28T09:00:00.000Z')).thenEvents([warned]);
    });

    it('warns by the warning days of the owner’s policy', () => {
      given(customerDecider, wangOwnsUnderPool).when(warn('2026-03-06T08:59:59.000Z')).thenEvents([]);
      given(customerDecider, wangOwnsUnderPool)
        .when(warn('2026-03-06T09:00:00.000Z'))
        .thenEvents([
          {
            ...warned,
            data: { ...warned.data, protectedUntil: '2026-03-08T09:00:00.000Z', at: '2026-03-06T09:00:00.000Z' },
          },
        ]);
    });

    it('warns only once per protection window', () => {
      given(customerDecider, [...wangOwns, warned])
        .when(warn('2026-03-30T09:00:00.000Z'))
        .thenEvents([]);
    });

    it('warns again after a follow-up opened a new window', () => {
      const later = {
        ...followedUp,
        data: { ...followedUp.data, at: '2026-03-29T09:00:00.000Z', protectedUntil: '2026-04-28T09:00:00.000Z' },
      };
      given(customerDecider, [...wangOwns, warned, later])
        .when(warn('2026-04-25T09:00:00.000Z'))
        .thenEvents([
          {
            ...warned,
            data: { ...warned.data, protectedUntil: '2026-04-28T09:00:00.000Z', at: '2026-04-25T09:00:00.000Z' },
          },
        ]);
    });

    it('warns on time within an hour of the warning being due', () => {
      given(customerDecider, wangOwns)
        .when(warn('2026-03-28T10:00:00.000Z'))
        .thenEvents([{ ...warned, data: { ...warned.data, at: '2026-03-28T10:00:00.000Z' } }]);
    });

    it('gives the full warning days when the warning goes out later than that, before the end', () => {
      // Due 28 March 09:00; out on 30 March 21:00 (the engine was down): the end moves to 2 April 21:00.
      given(customerDecider, wangOwns)
        .when(warn('2026-03-30T21:00:00.000Z'))
        .thenEvents([
          {
            type: 'ProtectionWarningIssued',
            data: {
              customerId: CUSTOMER_ID,
              repId: 'rep-wang',
              protectedUntil: '2026-04-02T21:00:00.000Z',
              at: '2026-03-30T21:00:00.000Z',
              extendedFrom: '2026-03-31T09:00:00.000Z',
            },
          },
        ]);
    });

    it('refuses to release for expiry before protection ends', () => {
      given(customerDecider, wangOwns)
        .when(expire('2026-03-31T08:59:59.000Z'))
        .thenRefuses({ code: 'StillProtected', facts: { protectedUntil: '2026-03-31T09:00:00.000Z' } });
    });

    it('refuses to release for expiry after a follow-up pushed the end out', () => {
      given(customerDecider, [...wangOwns, followedUp])
        .when(expire('2026-04-01T00:00:00.000Z'))
        .thenRefuses({ code: 'StillProtected', facts: { protectedUntil: '2026-04-19T09:00:00.000Z' } });
    });

    it('releases at the owner’s request at any time', () => {
      given(customerDecider, wangOwns)
        .when({ kind: 'ReleaseCustomer', at: '2026-03-05T00:00:00.000Z', reason: 'owner-released' })
        .thenEvents([
          {
            type: 'CustomerReleased',
            data: {
              customerId: CUSTOMER_ID,
              repId: 'rep-wang',
              reason: 'owner-released',
              at: '2026-03-05T00:00:00.000Z',
            },
          },
        ]);
    });

    it('transfers it with the manager, the reason and the hand-off recorded', () => {
      given(customerDecider, wangOwns).when(transfer).thenEvents([handedToLi]);
    });

    it('refuses a transfer without a reason', () => {
      given(customerDecider, wangOwns)
        .when({ ...transfer, reason: '  ' })
        .thenRefuses({ code: 'ReasonRequired' });
    });

    it('refuses a transfer to the current owner', () => {
      given(customerDecider, wangOwns)
        .when({ ...transfer, toRepId: 'rep-wang' })
        .thenRefuses({ code: 'AlreadyOwner', facts: { ownerId: 'rep-wang' } });
    });

    it('transfers it away from the rep the hand-off names when that rep owns it', () => {
      given(customerDecider, wangOwns)
        .when({ ...transfer, fromRepId: 'rep-wang' })
        .thenEvents([handedToLi]);
    });

    it('refuses a hand-off from a rep who does not own it, naming the owner', () => {
      given(customerDecider, wangOwns)
        .when({ ...transfer, fromRepId: 'rep-zhou' })
        .thenRefuses({ code: 'NotOwner', facts: { ownerId: 'rep-wang' } });
    });

    it('releases only from the rep the release names', () => {
      const departure = { kind: 'ReleaseCustomer', at: '2026-03-05T00:00:00.000Z', reason: 'departure' } as const;
      given(customerDecider, wangOwns)
        .when({ ...departure, repId: 'rep-zhou' })
        .thenEvents([]);
      given(customerDecider, wangOwns)
        .when({ ...departure, repId: 'rep-wang' })
        .thenEvents([
          {
            type: 'CustomerReleased',
            data: { customerId: CUSTOMER_ID, repId: 'rep-wang', reason: 'departure', at: '2026-03-05T00:00:00.000Z' },
          },
        ]);
    });
  });

  describe('when a hand-off already moved it', () => {
    const handedOff = [...wangOwns, handedToLi];

    it('refuses the retried hand-off, naming the new owner, and moves nothing', () => {
      given(customerDecider, handedOff)
        .when({ ...transfer, fromRepId: 'rep-wang' })
        .thenRefuses({ code: 'NotOwner', facts: { ownerId: 'rep-li' } });
    });

    it('releases nothing for the departed rep', () => {
      given(customerDecider, handedOff)
        .when({ kind: 'ReleaseCustomer', at: '2026-03-16T00:00:00.000Z', reason: 'departure', repId: 'rep-wang' })
        .thenEvents([]);
    });
  });

  describe('when the protection has ended', () => {
    it('releases the customer to the shared pool once its owner was warned', () => {
      given(customerDecider, [...wangOwns, warned])
        .when(expire('2026-03-31T09:00:00.000Z'))
        .thenEvents([releasedFrom('rep-wang', '2026-03-31T09:00:00.000Z')]);
    });
  });

  describe('when the protection ended with no warning (nothing ran in the window)', () => {
    /** The warning Wang gets on 2 April, two days after his end: three days of notice from then. */
    const warnedLate: CustomerEvent = {
      type: 'ProtectionWarningIssued',
      data: {
        customerId: CUSTOMER_ID,
        repId: 'rep-wang',
        protectedUntil: '2026-04-05T12:00:00.000Z',
        at: '2026-04-02T12:00:00.000Z',
        extendedFrom: '2026-03-31T09:00:00.000Z',
      },
    };

    it('refuses to release a customer whose owner was never warned', () => {
      given(customerDecider, wangOwns)
        .when(expire('2026-04-02T12:00:00.000Z'))
        .thenRefuses({ code: 'NotWarned', facts: { protectedUntil: '2026-03-31T09:00:00.000Z' } });
    });

    it('warns late and gives the owner the warning days from then', () => {
      given(customerDecider, wangOwns).when(warn('2026-04-02T12:00:00.000Z')).thenEvents([warnedLate]);
    });

    it('keeps the customer protected until the moved end, then releases it', () => {
      given(customerDecider, [...wangOwns, warnedLate])
        .when(expire('2026-04-05T11:59:59.000Z'))
        .thenRefuses({ code: 'StillProtected', facts: { protectedUntil: '2026-04-05T12:00:00.000Z' } });
      given(customerDecider, [...wangOwns, warnedLate])
        .when(expire('2026-04-05T12:00:00.000Z'))
        .thenEvents([releasedFrom('rep-wang', '2026-04-05T12:00:00.000Z')]);
    });

    it('keeps a colleague from claiming it until the moved end', () => {
      given(customerDecider, [...wangOwns, warnedLate])
        .when(claimBy('rep-li', '2026-04-04T00:00:00.000Z'))
        .thenRefuses({
          code: 'CustomerProtected',
          facts: { ownerId: 'rep-wang', protectedUntil: '2026-04-05T12:00:00.000Z' },
        });
    });

    it('warns nobody and releases at the end when the policy gives no warning days', () => {
      const noWarning = [
        wangOwns[0],
        ownedBy('rep-wang', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z', { warningDays: 0 }),
      ];
      given(customerDecider, noWarning).when(warn('2026-03-31T09:00:00.000Z')).thenEvents([]);
      given(customerDecider, noWarning)
        .when(expire('2026-03-31T09:00:00.000Z'))
        .thenEvents([releasedFrom('rep-wang', '2026-03-31T09:00:00.000Z')]);
    });
  });

  describe('when released', () => {
    const released = [...wangOwns, releasedFrom('rep-wang', '2026-03-31T09:00:00.000Z')];

    it('changes nothing on a repeated release', () => {
      given(customerDecider, released).when(expire('2026-04-01T00:00:00.000Z')).thenEvents([]);
    });

    it('refuses a follow-up, as nobody owns it', () => {
      given(customerDecider, released)
        .when({ ...followUp, at: '2026-04-01T00:00:00.000Z' })
        .thenRefuses({ code: 'NotOwner', facts: { ownerId: null } });
    });

    it('warns nobody', () => {
      given(customerDecider, released).when(warn('2026-04-01T00:00:00.000Z')).thenEvents([]);
    });

    it('refuses a hand-off from the rep it was released from, as nobody owns it', () => {
      given(customerDecider, released)
        .when({ ...transfer, at: '2026-04-01T00:00:00.000Z', fromRepId: 'rep-wang' })
        .thenRefuses({ code: 'NotOwner', facts: { ownerId: null } });
    });

    it('releases nothing for a departing rep', () => {
      given(customerDecider, released)
        .when({ kind: 'ReleaseCustomer', at: '2026-04-01T00:00:00.000Z', reason: 'departure', repId: 'rep-wang' })
        .thenEvents([]);
    });

    it('lets a manager hand it to a rep', () => {
      given(customerDecider, released)
        .when({ ...transfer, via: 'transfer', reason: 'key account', at: '2026-04-01T00:00:00.000Z' })
        .thenEvents([
          ownedBy('rep-li', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z', {
            via: 'transfer',
            reason: 'key account',
            leadId: null,
            byActorId: 'mgr-zhao',
          }),
        ]);
    });
  });

  describe("when a command is dated before the customer's latest change (Wang's follow-up on 20 March)", () => {
    const lastChange = { code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-20T09:00:00.000Z' } };
    const history = [...wangOwns, followedUp];

    it('refuses a follow-up, though the owner logs it', () => {
      given(customerDecider, history)
        .when({ ...followUp, at: '2026-03-19T09:00:00.000Z' })
        .thenRefuses(lastChange);
    });

    it('refuses a warning, though one would be due at that time', () => {
      // Transferred to Li on 29 March under 2 days of protection (to 31 March, warned 3 days before):
      // 28 March 12:00 would be inside the warning days, but the transfer came after it.
      const transferred = ownedBy('rep-li', '2026-03-29T00:00:00.000Z', '2026-03-31T00:00:00.000Z', {
        protectionDays: 2,
      });
      given(customerDecider, [...wangOwns, transferred])
        .when(warn('2026-03-28T12:00:00.000Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-29T00:00:00.000Z' } });
    });

    it('refuses a release, though the owner asks for it', () => {
      given(customerDecider, history)
        .when({ kind: 'ReleaseCustomer', at: '2026-03-10T00:00:00.000Z', reason: 'owner-released' })
        .thenRefuses(lastChange);
    });

    it('refuses a transfer', () => {
      given(customerDecider, history)
        .when({ ...transfer, at: '2026-03-19T09:00:00.000Z' })
        .thenRefuses(lastChange);
    });

    it('accepts a follow-up at the very instant of the latest change', () => {
      given(customerDecider, history)
        .when({ ...followUp, at: '2026-03-20T09:00:00.000Z' })
        .thenEvents([followedUp]);
    });
  });

  describe('when a command carries a time that is not an instant', () => {
    it.each([
      ['a follow-up', { ...followUp, at: 'later' }],
      ['a warning', warn('later')],
      ['a release', { kind: 'ReleaseCustomer', at: 'later', reason: 'owner-released' } as const],
    ])('refuses %s and says which time', (_, command) => {
      given(customerDecider, wangOwns)
        .when(command)
        .thenRefuses({ code: 'InvalidTime', facts: { at: 'later' } });
    });
  });
});
