import { isRefusal } from '@leadledger/kernel';
import { type MatchedCustomer, routeLead } from './lead-routing-rules';

const nobodyOwns: MatchedCustomer = { customerId: 'cust-1', isNew: true, ownerId: null, protectedUntil: null };
const ownedByLi: MatchedCustomer = {
  customerId: 'cust-1',
  isNew: false,
  ownerId: 'rep-li',
  protectedUntil: '2026-12-01T00:00:00.000Z',
};

describe('routing a lead', () => {
  describe('a. when the customer has an active owner', () => {
    it('goes to the owner, even when another rep received the walk-in', () => {
      expect(routeLead({ channel: 'walk-in', receivedBy: 'rep-wang', poolId: 'pool-1', customer: ownedByLi })).toEqual({
        rule: 'existing-customer',
        repId: 'rep-li',
      });
    });

    it('goes to the owner from a web form too', () => {
      expect(routeLead({ channel: 'web-form', receivedBy: null, poolId: 'pool-1', customer: ownedByLi })).toEqual({
        rule: 'existing-customer',
        repId: 'rep-li',
      });
    });
  });

  describe('b. when a rep received the customer in person and nobody owns them', () => {
    it.each(['walk-in', 'phone'] as const)('a %s goes to the receiver, not the pool', (channel) => {
      expect(routeLead({ channel, receivedBy: 'rep-wang', poolId: 'pool-1', customer: nobodyOwns })).toEqual({
        rule: 'received-walk-in',
        repId: 'rep-wang',
      });
    });

    it('a web form with a receiver named still goes to the pool', () => {
      expect(
        routeLead({ channel: 'web-form', receivedBy: 'rep-wang', poolId: 'pool-1', customer: nobodyOwns }),
      ).toEqual({
        rule: 'pool-rotation',
        poolId: 'pool-1',
      });
    });
  });

  describe('c. when the lead is rep-sourced', () => {
    it('goes to the sourcing rep when nobody owns the customer', () => {
      expect(routeLead({ channel: 'rep-sourced', receivedBy: 'rep-wang', poolId: null, customer: nobodyOwns })).toEqual(
        {
          rule: 'rep-sourced',
          repId: 'rep-wang',
        },
      );
    });

    it('goes to the sourcing rep when they already own the customer', () => {
      const own = { ...ownedByLi, ownerId: 'rep-wang' };
      expect(routeLead({ channel: 'rep-sourced', receivedBy: 'rep-wang', poolId: null, customer: own })).toEqual({
        rule: 'rep-sourced',
        repId: 'rep-wang',
      });
    });

    it('is refused, naming the owner, when a colleague owns the customer', () => {
      const route = routeLead({ channel: 'rep-sourced', receivedBy: 'rep-wang', poolId: null, customer: ownedByLi });
      expect(route).toMatchObject({
        code: 'CustomerOwnedByColleague',
        facts: { ownerId: 'rep-li', protectedUntil: '2026-12-01T00:00:00.000Z', customerId: 'cust-1' },
      });
    });

    it('is refused when it names no sourcing rep', () => {
      const route = routeLead({ channel: 'rep-sourced', receivedBy: null, poolId: 'pool-1', customer: nobodyOwns });
      expect(isRefusal(route) && route.code).toBe('SourcingRepRequired');
    });
  });

  describe('d. otherwise', () => {
    it('goes to the pool rotation', () => {
      expect(routeLead({ channel: 'exhibition', receivedBy: null, poolId: 'pool-1', customer: nobodyOwns })).toEqual({
        rule: 'pool-rotation',
        poolId: 'pool-1',
      });
    });

    it('is refused when there is no pool to rotate in', () => {
      const route = routeLead({ channel: 'referral', receivedBy: null, poolId: null, customer: nobodyOwns });
      expect(isRefusal(route) && route.code).toBe('NoRouteForLead');
    });
  });
});
