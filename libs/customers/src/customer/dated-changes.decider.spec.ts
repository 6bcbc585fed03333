import { given } from '@leadledger/kernel/testing';
import type { CustomerEvent } from './customer.events';
import { customerDecider } from './customer.decider';
import { CUSTOMER_ID, claimBy, claimed, releasedFrom, wangOwns } from './customer.fixtures';

/*
 * Claims, releases and follow-ups dated in the past (`effectiveAt`), as history is loaded:
 * the decider judges each at the time it is dated, never at the time it is recorded, and
 * refuses a time before the customer's latest change. (That the time is not in the future and
 * not in a closed commission period is checked before the command is made, by the same rule
 * as transfers and departures: libs/commissions/src/periods/effective-at.ts.)
 */
const followedUp = (at: string, protectedUntil: string): CustomerEvent => ({
  type: 'FollowUpLogged',
  data: { customerId: CUSTOMER_ID, repId: 'rep-wang', kind: 'visit', note: 'showroom visit', at, protectedUntil },
});
const followUp = (at: string) =>
  ({ kind: 'LogFollowUp', repId: 'rep-wang', followUpKind: 'visit', note: 'showroom visit', at }) as const;
const ownerReleases = (at: string) => ({ kind: 'ReleaseCustomer', at, reason: 'owner-released' }) as const;

describe('customer decider: changes dated in the past', () => {
  describe('when Wang owns the customer from 1 March, protected to 31 March', () => {
    it('refuses a colleague’s claim dated while the protection ran, whenever it is recorded', () => {
      given(customerDecider, wangOwns)
        .when(claimBy('rep-li', '2026-03-30T09:00:00.000Z'))
        .thenRefuses({
          code: 'CustomerProtected',
          facts: { ownerId: 'rep-wang', protectedUntil: '2026-03-31T09:00:00.000Z' },
        });
    });

    it('gives a colleague the customer from the time the claim is dated, once the protection has ended', () => {
      given(customerDecider, wangOwns)
        .when(claimBy('rep-li', '2026-04-02T09:00:00.000Z'))
        .thenEvents([
          claimed(
            'rep-li',
            '2026-04-02T09:00:00.000Z',
            '2026-05-02T09:00:00.000Z',
            "claimed after the owner's protection ended",
          ),
        ]);
    });

    it('refuses a claim dated before Wang got the customer', () => {
      given(customerDecider, wangOwns)
        .when(claimBy('rep-li', '2026-02-28T09:00:00.000Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-01T09:00:00.000Z' } });
    });

    it('releases the customer as of the time the release is dated', () => {
      given(customerDecider, wangOwns)
        .when(ownerReleases('2026-03-10T09:00:00.000Z'))
        .thenEvents([
          {
            type: 'CustomerReleased',
            data: {
              customerId: CUSTOMER_ID,
              repId: 'rep-wang',
              reason: 'owner-released',
              at: '2026-03-10T09:00:00.000Z',
            },
          },
        ]);
    });

    it('refuses a release dated before Wang got the customer', () => {
      given(customerDecider, wangOwns)
        .when(ownerReleases('2026-02-28T09:00:00.000Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-01T09:00:00.000Z' } });
    });

    it('still refuses an expiry dated before the protection ended', () => {
      given(customerDecider, wangOwns)
        .when({ kind: 'ReleaseCustomer', at: '2026-03-20T09:00:00.000Z', reason: 'protection-expired' })
        .thenRefuses({ code: 'StillProtected', facts: { protectedUntil: '2026-03-31T09:00:00.000Z' } });
    });

    it('runs the protection on from the time a follow-up is dated', () => {
      given(customerDecider, wangOwns)
        .when(followUp('2026-03-20T09:00:00.000Z'))
        .thenEvents([followedUp('2026-03-20T09:00:00.000Z', '2026-04-19T09:00:00.000Z')]);
    });

    it('accepts a follow-up dated at the very instant of the latest change, never shortening the protection', () => {
      given(customerDecider, wangOwns)
        .when(followUp('2026-03-01T09:00:00.000Z'))
        .thenEvents([followedUp('2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z')]);
    });

    it('refuses a follow-up dated before Wang got the customer', () => {
      given(customerDecider, wangOwns)
        .when(followUp('2026-02-20T09:00:00.000Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-01T09:00:00.000Z' } });
    });
  });

  describe('when Wang logged a follow-up on 20 March', () => {
    const history = [...wangOwns, followedUp('2026-03-20T09:00:00.000Z', '2026-04-19T09:00:00.000Z')];

    it('refuses a follow-up dated before it, the latest change', () => {
      given(customerDecider, history)
        .when(followUp('2026-03-15T09:00:00.000Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-20T09:00:00.000Z' } });
    });

    it('refuses a release dated before it', () => {
      given(customerDecider, history)
        .when(ownerReleases('2026-03-15T09:00:00.000Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-20T09:00:00.000Z' } });
    });
  });

  describe('when Wang’s customer was released on 31 March', () => {
    const released = [...wangOwns, releasedFrom('rep-wang', '2026-03-31T09:00:00.000Z')];

    it('gives it to a claim dated at the very instant of the release', () => {
      given(customerDecider, released)
        .when(claimBy('rep-li', '2026-03-31T09:00:00.000Z'))
        .thenEvents([claimed('rep-li', '2026-03-31T09:00:00.000Z', '2026-04-30T09:00:00.000Z')]);
    });

    it('refuses a claim dated before the release, the latest change', () => {
      given(customerDecider, released)
        .when(claimBy('rep-li', '2026-03-31T08:59:59.999Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-31T09:00:00.000Z' } });
    });

    it('counts Wang’s cool-down from the dated release to the dated claim', () => {
      given(customerDecider, released)
        .when(claimBy('rep-wang', '2026-04-10T09:00:00.000Z', 15))
        .thenRefuses({
          code: 'ReclaimTooSoon',
          facts: { releasedAt: '2026-03-31T09:00:00.000Z', canReclaimFrom: '2026-04-15T09:00:00.000Z' },
        });
    });
  });
});
