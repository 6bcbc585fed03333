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
