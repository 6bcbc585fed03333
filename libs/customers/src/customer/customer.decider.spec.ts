import { given } from '@leadledger/kernel/testing';
import type { AssignOwnership } from './customer.commands';
import { customerDecider } from './customer.decider';
import { claimBy, claimed, ownedBy, registered, releasedFrom, wangOwns } from './customer.fixtures';

const assign = (repId: string, at: string): AssignOwnership => ({
  kind: 'AssignOwnership',
  repId,
  via: 'pool-rotation',
  reason: 'next in the rotation of pool east',
  leadId: 'lead-2',
  protectionDays: 7,
  warningDays: 2,
  at,
});
/** The assignment routing makes for lead-2 under the pool's 7 days of protection. */
const rotatedTo = (repId: string, since: string, protectedUntil: string) =>
  ownedBy(repId, since, protectedUntil, {
    via: 'pool-rotation',
    reason: 'next in the rotation of pool east',
    leadId: 'lead-2',
    protectionDays: 7,
    warningDays: 2,
  });

describe('customer decider: claims and routing', () => {
  describe('when unowned and never owned', () => {
    it('gives the customer to the first rep who claims it', () => {
      given(customerDecider, [registered])
        .when(claimBy('rep-li', '2026-03-02T00:00:00.000Z'))
        .thenEvents([claimed('rep-li', '2026-03-02T00:00:00.000Z', '2026-04-01T00:00:00.000Z')]);
    });

    it('dates an undated claim no earlier than the customer’s latest change, read a moment before it', () => {
      // Registered at 2026-03-01T09:00:00.000Z; the claim's clock read an instant before it.
      given(customerDecider, [registered])
        .when({ ...claimBy('rep-li', '2026-03-01T08:59:59.990Z'), now: true })
        .thenEvents([claimed('rep-li', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z')]);
    });

    it('lets routing assign it', () => {
      given(customerDecider, [registered])
        .when(assign('rep-li', '2026-03-02T00:00:00.000Z'))
        .thenEvents([rotatedTo('rep-li', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z')]);
    });
  });

  describe('when owned and protected by another rep', () => {
    it('refuses the claim and says who owns it until when', () => {
      given(customerDecider, wangOwns)
        .when(claimBy('rep-li', '2026-03-10T00:00:00.000Z'))
        .thenRefuses({
          code: 'CustomerProtected',
          facts: { ownerId: 'rep-wang', protectedUntil: '2026-03-31T09:00:00.000Z' },
        });
    });

    it('refuses routing to another rep the same way', () => {
      given(customerDecider, wangOwns)
        .when(assign('rep-li', '2026-03-10T00:00:00.000Z'))
        .thenRefuses({ code: 'CustomerProtected' });
    });

    it('changes nothing when routing sends a new lead to the owner', () => {
      given(customerDecider, wangOwns)
        .when({
          ...assign('rep-wang', '2026-03-10T00:00:00.000Z'),
          via: 'existing-customer',
          reason: 'owner of the existing customer',
        })
        .thenEvents([]);
    });

    it('refuses the owner claiming it again', () => {
      given(customerDecider, wangOwns)
        .when(claimBy('rep-wang', '2026-03-10T00:00:00.000Z'))
        .thenRefuses({ code: 'AlreadyOwner', facts: { ownerId: 'rep-wang' } });
    });

    it('runs the claimant’s ownership under the policy the claim brings', () => {
      given(customerDecider, [registered])
        .when({ ...claimBy('rep-li', '2026-03-02T00:00:00.000Z'), protectionDays: 14, warningDays: 4 })
        .thenEvents([
          ownedBy('rep-li', '2026-03-02T00:00:00.000Z', '2026-03-16T00:00:00.000Z', {
            via: 'claim',
            reason: 'claimed from the shared pool',
            leadId: null,
            byActorId: 'rep-li',
            protectionDays: 14,
            warningDays: 4,
          }),
        ]);
    });

    it('refuses a claim dated before the latest change', () => {
      given(customerDecider, wangOwns)
        .when(claimBy('rep-li', '2026-02-01T00:00:00.000Z'))
        .thenRefuses({ code: 'OccurredBeforeLastChange', facts: { lastChangeAt: '2026-03-01T09:00:00.000Z' } });
    });

    it('tells an undated claim whose clock read came a moment before the winner’s who won (a lost race)', () => {
      given(customerDecider, wangOwns)
        .when({ ...claimBy('rep-li', '2026-03-01T08:59:59.990Z'), now: true })
        .thenRefuses({
          code: 'CustomerProtected',
          facts: { ownerId: 'rep-wang', protectedUntil: '2026-03-31T09:00:00.000Z' },
        });
    });
  });

  describe('when owned through a lead that is re-routed before anyone accepted it', () => {
    const rotatedToWang = [registered, rotatedTo('rep-wang', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z')];
    const reroute = { ...assign('rep-li', '2026-03-02T00:30:00.000Z'), replacesLeadOwner: true };

    it('lets the customer follow its lead to the next rep despite protection', () => {
      given(customerDecider, rotatedToWang)
        .when(reroute)
        .thenEvents([rotatedTo('rep-li', '2026-03-02T00:30:00.000Z', '2026-03-09T00:30:00.000Z')]);
    });

    it('still refuses when the owner got the customer through another lead', () => {
      given(customerDecider, rotatedToWang)
        .when({ ...reroute, leadId: 'lead-3' })
        .thenRefuses({
          code: 'CustomerProtected',
          facts: { ownerId: 'rep-wang', protectedUntil: '2026-03-09T00:00:00.000Z' },
        });
    });

    it('still refuses when the owner claimed the customer, which no lead brought', () => {
      given(customerDecider, [registered, claimed('rep-wang', '2026-03-02T00:00:00.000Z', '2026-04-01T00:00:00.000Z')])
        .when(reroute)
        .thenRefuses({ code: 'CustomerProtected' });
    });

    it('still refuses a re-routing that does not say it replaces the lead’s owner', () => {
      given(customerDecider, rotatedToWang)
        .when(assign('rep-li', '2026-03-02T00:30:00.000Z'))
        .thenRefuses({ code: 'CustomerProtected' });
    });

    it('still refuses a re-routing that names no lead, though the owner got the customer by none either', () => {
      const transferredToWang = ownedBy('rep-wang', '2026-03-02T00:00:00.000Z', '2026-04-01T00:00:00.000Z', {
        via: 'transfer',
        leadId: null,
      });
      given(customerDecider, [registered, transferredToWang])
        .when({ ...reroute, leadId: null })
        .thenRefuses({ code: 'CustomerProtected' });
    });
  });

  describe('when the owner got it through a lead, passed on that lead, and another rep claims the lead', () => {
    const rotatedToWang = [registered, rotatedTo('rep-wang', '2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z')];
    const at = '2026-03-02T01:00:00.000Z';
    const withLead = (leadId: string, passedOver: string[]) => ({
      ...claimBy('rep-li', at),
      withLead: { leadId, passedOver },
    });

    it('lets the customer go with its lead to the claimant despite protection', () => {
      given(customerDecider, rotatedToWang)
        .when(withLead('lead-2', ['rep-zhao', 'rep-wang']))
        .thenEvents([
          claimed(
            'rep-li',
            at,
            '2026-04-01T01:00:00.000Z',
            'claimed with the lead that brought it, which its owner passed on',
          ),
        ]);
    });

    it('still refuses when the owner did not pass on that lead, or got the customer through another', () => {
      given(customerDecider, rotatedToWang)
        .when(withLead('lead-2', ['rep-zhao']))
        .thenRefuses({ code: 'CustomerProtected' });
      given(customerDecider, rotatedToWang)
        .when(withLead('lead-9', ['rep-wang']))
        .thenRefuses({ code: 'CustomerProtected' });
      given(customerDecider, rotatedToWang).when(claimBy('rep-li', at)).thenRefuses({ code: 'CustomerProtected' });
    });
  });

  describe('when unowned and a re-routed lead brings it', () => {
    it('gives it to the next rep like any routing', () => {
      given(customerDecider, [registered])
        .when({ ...assign('rep-li', '2026-03-02T00:30:00.000Z'), replacesLeadOwner: true })
        .thenEvents([rotatedTo('rep-li', '2026-03-02T00:30:00.000Z', '2026-03-09T00:30:00.000Z')]);
    });
  });

  describe('when owned by another rep whose protection has ended', () => {
    it('lets a colleague claim it, ending the previous interval', () => {
      given(customerDecider, wangOwns)
        .when(claimBy('rep-li', '2026-03-31T09:00:00.000Z'))
        .thenEvents([
          claimed(
            'rep-li',
            '2026-03-31T09:00:00.000Z',
            '2026-04-30T09:00:00.000Z',
            "claimed after the owner's protection ended",
          ),
        ]);
    });
  });

  describe('when owned by another rep whose protection has ended (routing)', () => {
    it('lets routing give it to another rep', () => {
      given(customerDecider, wangOwns)
        .when(assign('rep-li', '2026-04-01T00:00:00.000Z'))
        .thenEvents([rotatedTo('rep-li', '2026-04-01T00:00:00.000Z', '2026-04-08T00:00:00.000Z')]);
    });

    it('refuses a time that is not an instant', () => {
      given(customerDecider, wangOwns).when(assign('rep-li', 'next tuesday')).thenRefuses({ code: 'InvalidTime' });
    });
  });

  describe('when released', () => {
    const released = [...wangOwns, releasedFrom('rep-wang', '2026-03-31T09:00:00.000Z')];

    it('lets a colleague claim it at once', () => {
      given(customerDecider, released)
        .when(claimBy('rep-li', '2026-03-31T10:00:00.000Z', 15))
        .thenEvents([claimed('rep-li', '2026-03-31T10:00:00.000Z', '2026-04-30T10:00:00.000Z')]);
    });

    it('refuses the previous owner within the cool-down and says from when', () => {
      given(customerDecider, released)
        .when(claimBy('rep-wang', '2026-04-05T00:00:00.000Z', 15))
        .thenRefuses({
          code: 'ReclaimTooSoon',
          facts: { releasedAt: '2026-03-31T09:00:00.000Z', canReclaimFrom: '2026-04-15T09:00:00.000Z' },
        });
    });

    it('lets the previous owner reclaim once the cool-down is over', () => {
      given(customerDecider, released)
        .when(claimBy('rep-wang', '2026-04-15T09:00:00.000Z', 15))
        .thenEvents([claimed('rep-wang', '2026-04-15T09:00:00.000Z', '2026-05-15T09:00:00.000Z')]);
    });

    it('lets the previous owner reclaim when the policy has no cool-down', () => {
      given(customerDecider, released)
        .when(claimBy('rep-wang', '2026-04-01T00:00:00.000Z'))
        .thenEvents([claimed('rep-wang', '2026-04-01T00:00:00.000Z', '2026-05-01T00:00:00.000Z')]);
    });
  });
});
