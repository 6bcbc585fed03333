import { given } from '@leadledger/kernel/testing';
import { type BootstrapAdminKey, adminBootstrapDecider } from './admin-bootstrap.decider';
import type { AdminKeyBootstrapped } from './admin-bootstrap.events';

const first: BootstrapAdminKey = { kind: 'BootstrapAdminKey', keyId: 'key-a', secretHash: 'aa'.repeat(32) };
const bootstrapped: AdminKeyBootstrapped = {
  type: 'AdminKeyBootstrapped',
  data: { keyId: 'key-a', secretHash: 'aa'.repeat(32) },
};

describe('the first admin key of a log', () => {
  it('is chosen by the first engine to ask', () => {
    given(adminBootstrapDecider).when(first).thenEvents([bootstrapped]);
  });

  it('is not chosen again: a second engine is refused with the first key id', () => {
    given(adminBootstrapDecider, [bootstrapped])
      .when({ kind: 'BootstrapAdminKey', keyId: 'key-b', secretHash: 'bb'.repeat(32) })
      .thenRefuses({ code: 'AdminKeyAlreadyBootstrapped', facts: { keyId: 'key-a' } });
  });
});

describe('the first admin key of a log, refused twice', () => {
  it('tells the second engine, in words its operator reads, that the key was made', () => {
    const state = [bootstrapped].reduce(adminBootstrapDecider.evolve, adminBootstrapDecider.initialState);
    expect(adminBootstrapDecider.decide(first, state)).toMatchObject({
      message: 'The first admin key of this log was already made',
    });
  });
});
