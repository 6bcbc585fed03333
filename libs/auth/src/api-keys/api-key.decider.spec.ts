import { given } from '@leadledger/kernel/testing';
import type { CreateApiKey } from './api-key.commands';
import { apiKeyDecider } from './api-key.decider';
import type { ApiKeyCreated } from './api-key.events';

const create: CreateApiKey = {
  kind: 'CreateApiKey',
  keyId: 'key-1',
  name: 'Ops laptop',
  role: 'manager',
  repId: null,
  secretHash: 'ab'.repeat(32),
};
const created: ApiKeyCreated = {
  type: 'ApiKeyCreated',
  data: { keyId: 'key-1', name: 'Ops laptop', role: 'manager', repId: null, secretHash: 'ab'.repeat(32) },
};

describe('api key decider', () => {
  describe('when no key has this secret', () => {
    it('creates the key with its role and the hash of its secret', () => {
      given(apiKeyDecider).when(create).thenEvents([created]);
    });

    it('refuses a rep key that names no rep', () => {
      given(apiKeyDecider)
        .when({ ...create, role: 'rep', repId: null })
        .thenRefuses({ code: 'RepKeyNeedsRep' });
    });

    it('creates a rep key bound to its rep', () => {
      given(apiKeyDecider)
        .when({ ...create, role: 'rep', repId: 'rep-7' })
        .thenEvents([{ ...created, data: { ...created.data, role: 'rep', repId: 'rep-7' } }]);
    });

    it('refuses a blank name', () => {
      given(apiKeyDecider)
        .when({ ...create, name: '  ' })
        .thenRefuses({ code: 'ApiKeyNeedsName' });
    });

    it('refuses to revoke it', () => {
      given(apiKeyDecider).when({ kind: 'RevokeApiKey', keyId: 'key-1' }).thenRefuses({ code: 'ApiKeyUnknown' });
    });
  });

  describe('when the key is active', () => {
    it('refuses a second key with the same secret', () => {
      given(apiKeyDecider, [created])
        .when(create)
        .thenRefuses({ code: 'ApiKeyExists', facts: { keyId: 'key-1' } });
    });

    it('revokes it', () => {
      given(apiKeyDecider, [created])
        .when({ kind: 'RevokeApiKey', keyId: 'key-1' })
        .thenEvents([{ type: 'ApiKeyRevoked', data: { keyId: 'key-1' } }]);
    });
  });

  describe('when the key is revoked', () => {
    it('refuses to revoke it again', () => {
      given(apiKeyDecider, [created, { type: 'ApiKeyRevoked', data: { keyId: 'key-1' } }])
        .when({ kind: 'RevokeApiKey', keyId: 'key-1' })
        .thenRefuses({ code: 'ApiKeyAlreadyRevoked' });
    });
  });
});

describe('api key decider: what an admin is told', () => {
  const revoked = { type: 'ApiKeyRevoked', data: { keyId: 'key-1' } } as const;

  it('records the name trimmed', () => {
    given(apiKeyDecider)
      .when({ ...create, name: ' Ops laptop ' })
      .thenEvents([created]);
  });

  it.each([
    [
      'a second key with the same secret',
      [created],
      create,
      'ApiKeyExists',
      'A key with this secret already exists',
      { keyId: 'key-1' },
    ],
    [
      'a rep key naming no rep',
      [],
      { ...create, role: 'rep', repId: null },
      'RepKeyNeedsRep',
      'A rep key must name the rep it speaks for',
      { role: 'rep' },
    ],
    ['a blank name', [], { ...create, name: ' ' }, 'ApiKeyNeedsName', 'A key needs a name', {}],
    [
      'revoking an unknown key',
      [],
      { kind: 'RevokeApiKey', keyId: 'key-9' },
      'ApiKeyUnknown',
      'No such key',
      { keyId: 'key-9' },
    ],
    [
      'revoking a revoked key',
      [created, revoked],
      { kind: 'RevokeApiKey', keyId: 'key-1' },
      'ApiKeyAlreadyRevoked',
      'The key is already revoked',
      { keyId: 'key-1' },
    ],
  ] as const)('refuses %s, saying so and naming the key or role', (_case, history, command, code, message, facts) => {
    const state = [...history].reduce(apiKeyDecider.evolve, apiKeyDecider.initialState);
    expect(apiKeyDecider.decide(command, state)).toEqual({ kind: 'refusal', code, message, facts });
  });
});
