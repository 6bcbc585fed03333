import { given } from '@leadledger/kernel/testing';
import type { ReserveIdentityKey } from './identity-key.commands';
import { identityKeyDecider } from './identity-key.decider';
import type { IdentityKeyReserved } from './identity-key.events';

const reserve: ReserveIdentityKey = {
  kind: 'ReserveIdentityKey',
  key: { kind: 'phone', value: '+8613800138000' },
  customerId: 'cust-1',
  leadId: 'lead-1',
};
const reserved: IdentityKeyReserved = {
  type: 'IdentityKeyReserved',
  data: { kind: 'phone', value: '+8613800138000', customerId: 'cust-1', reservedByLeadId: 'lead-1' },
};

describe('identity key decider', () => {
  describe('when the key is free', () => {
    it('reserves it for the customer, naming the lead that brought it', () => {
      given(identityKeyDecider).when(reserve).thenEvents([reserved]);
    });
  });

  describe('when the key is reserved', () => {
    it('refuses another customer and names the one that holds it', () => {
      given(identityKeyDecider, [reserved])
        .when({ ...reserve, customerId: 'cust-2', leadId: 'lead-2' })
        .thenRefuses({ code: 'IdentityKeyTaken', facts: { customerId: 'cust-1' } });
    });

    it('accepts a retry for the same customer without a second event', () => {
      given(identityKeyDecider, [reserved]).when(reserve).thenEvents([]);
    });

    it('accepts the same customer from a later lead without a second event', () => {
      given(identityKeyDecider, [reserved])
        .when({ ...reserve, leadId: 'lead-9' })
        .thenEvents([]);
    });
  });

  it('lets exactly one of many racing leads reserve a new key', () => {
    // Each racer decides on the stream as it finds it; the store's expected revision makes
    // the losers re-read, and on re-read they meet the winner's reservation.
    let history: IdentityKeyReserved[] = [];
    const outcomes = Array.from({ length: 50 }, (_, i) => {
      const state = history.reduce(identityKeyDecider.evolve, identityKeyDecider.initialState);
      const decision = identityKeyDecider.decide({ ...reserve, customerId: `cust-${i}`, leadId: `lead-${i}` }, state);
      if (Array.isArray(decision)) history = [...history, ...(decision as IdentityKeyReserved[])];
      return decision;
    });
    expect(history).toHaveLength(1);
    expect(outcomes.filter((o) => !Array.isArray(o))).toHaveLength(49);
  });
});

describe('identity key decider: what is not its own', () => {
  it('says who holds a taken key in words the caller can log', () => {
    const state = [reserved].reduce(identityKeyDecider.evolve, identityKeyDecider.initialState);
    expect(identityKeyDecider.decide({ ...reserve, customerId: 'cust-2' }, state)).toMatchObject({
      message: 'This identity key already belongs to a customer',
    });
  });

  it('throws on a command of a kind it does not know (a bug), rather than deciding nothing', () => {
    const unknown = { ...reserve, kind: 'ReleaseIdentityKey' } as unknown as ReserveIdentityKey;
    expect(() => identityKeyDecider.decide(unknown, identityKeyDecider.initialState)).toThrow('Unhandled case');
  });

  it('throws on an event of a type it does not know, rather than folding past it', () => {
    const unknown = { ...reserved, type: 'IdentityKeyReleased' } as unknown as IdentityKeyReserved;
    expect(() => identityKeyDecider.evolve(identityKeyDecider.initialState, unknown)).toThrow('Unhandled case');
  });
});
