import { given } from '@leadledger/kernel/testing';
import { idempotencyKeyDecider, idempotencyKeyStreamId } from './idempotency-key.decider';

const bind = (resourceId: string) => ({ kind: 'BindIdempotencyKey', scope: 'lead', resourceId }) as const;
const bound = (resourceId: string) => ({ type: 'IdempotencyKeyBound', data: { scope: 'lead', resourceId } }) as const;

describe('idempotency key decider', () => {
  it('binds a key used for the first time to the resource its request made', () => {
    given(idempotencyKeyDecider, [])
      .when(bind('lead-1'))
      .thenEvents([bound('lead-1')]);
  });

  it('changes nothing when the key names the same resource again (a retry)', () => {
    given(idempotencyKeyDecider, [bound('lead-1')])
      .when(bind('lead-1'))
      .thenEvents([]);
  });

  it('refuses the key for another resource, naming the first', () => {
    given(idempotencyKeyDecider, [bound('lead-1')])
      .when(bind('lead-2'))
      .thenRefuses({ code: 'IdempotencyKeyReused', facts: { resourceId: 'lead-1' } });
  });

  it('keeps one stream per API key, kind of resource and key', () => {
    const id = idempotencyKeyStreamId('lead', 'key-a', 'k1');
    expect(idempotencyKeyStreamId('lead', 'key-a', 'k1')).toBe(id);
    expect(
      new Set([id, idempotencyKeyStreamId('rep', 'key-a', 'k1'), idempotencyKeyStreamId('lead', 'key-b', 'k1')]).size,
    ).toBe(3);
  });
});
