import type { StoredEvent } from '@leadledger/event-store';
import { CloudEvent } from 'cloudevents';
import { toPublishedEvent } from './cloud-event';

const stored = (
  type: string,
  streamId: string,
  data: StoredEvent['data'],
  reason: string | null = null,
): StoredEvent => ({
  id: '6f1c7a52-3b0e-4f27-9b61-0a8d4c2e9f10',
  type,
  streamId,
  revision: 2n,
  position: 9007199254740993n,
  data,
  metadata: {
    actorId: 'key:k-1',
    actorRole: 'service',
    reason,
    occurredAt: '2026-11-30T08:00:00.000Z',
    recordedAt: '2026-11-30T08:00:01.000Z',
    correlationId: 'c-1',
    causationId: null,
    idempotencyKey: 'retry-me',
    schemaVersion: 1,
  },
});

describe('an event as the feed publishes it (CloudEvents 1.0, structured JSON)', () => {
  it('carries the event id, the public type, the stream as subject, the business time and the position', () => {
    const published = toPublishedEvent(
      stored('LeadAssigned', 'lead-L1', { leadId: 'L1', repId: 'li' }),
      'urn:leadledger:acme',
    );
    expect(published).toEqual({
      specversion: '1.0',
      id: '6f1c7a52-3b0e-4f27-9b61-0a8d4c2e9f10',
      source: 'urn:leadledger:acme',
      type: 'leadledger.lead.assigned.v1',
      subject: 'lead-L1',
      time: '2026-11-30T08:00:00.000Z',
      datacontenttype: 'application/json',
      data: { leadId: 'L1', repId: 'li' },
      // A position beyond 2^53 survives as a string.
      position: '9007199254740993',
      correlationid: 'c-1',
      actorid: 'key:k-1',
      actorrole: 'service',
    });
    // The SDK takes it back as a valid event.
    expect(new CloudEvent(published as never).validate()).toBe(true);
  });

  it('never publishes the idempotency key or the recording clock, and adds the reason a person gave', () => {
    const published = toPublishedEvent(
      stored('OwnershipAssigned', 'customer-C1', { customerId: 'C1' }, 'li moves to key accounts'),
      'urn:leadledger',
    )!;
    expect(JSON.stringify(published)).not.toContain('retry-me');
    expect(JSON.stringify(published)).not.toContain('08:00:01');
    expect(published.reason).toBe('li moves to key accounts');
  });

  it('publishes no API key event: their stream ids hold key hashes', () => {
    expect(toPublishedEvent(stored('ApiKeyCreated', 'api-key-abc', { keyId: 'k' }), 'urn:leadledger')).toBeNull();
    expect(toPublishedEvent(stored('SomethingInternal', 'x-1', {}), 'urn:leadledger')).toBeNull();
  });
});
