import { createHash } from 'node:crypto';
import { type HashedEvent, eventHash } from './event-hash';

/** The worked example of docs/operations.md "Tamper evidence": the first event of a chain. */
const workedExample: HashedEvent = {
  position: 1n,
  streamId: 'lead-7c2e',
  revision: 0n,
  id: '0b5e2c1a-6f3d-4e8b-9a27-5d1c3e4f6a70',
  type: 'LeadReceived',
  data: { receivedBy: 'rep-li', channel: 'walk-in', phone: '+8613800138000' },
  metadata: {
    actorId: 'rep-li',
    actorRole: 'rep',
    reason: null,
    occurredAt: '2026-11-02T09:30:00.000Z',
    recordedAt: '2026-11-02T09:30:00.125Z',
    correlationId: 'corr-1',
    causationId: null,
    idempotencyKey: null,
    schemaVersion: 1,
  },
};

describe('eventHash', () => {
  it('hashes the worked example: the first event of a chain, previousHash null', () => {
    expect(eventHash(workedExample, null)).toBe('294055d6ad33c718fb056680047b390c6e11f6886462465f30a59b5795925105');
  });

  it('is SHA-256 of the canonical link, as docs/operations.md writes it out', () => {
    const text =
      '{"data":{"channel":"walk-in","phone":"+8613800138000","receivedBy":"rep-li"},' +
      '"id":"0b5e2c1a-6f3d-4e8b-9a27-5d1c3e4f6a70",' +
      '"metadata":{"actorId":"rep-li","actorRole":"rep","causationId":null,"correlationId":"corr-1",' +
      '"idempotencyKey":null,"occurredAt":"2026-11-02T09:30:00.000Z","reason":null,' +
      '"recordedAt":"2026-11-02T09:30:00.125Z","schemaVersion":1},' +
      '"position":"1","previousHash":null,"revision":"0","streamId":"lead-7c2e","type":"LeadReceived"}';
    expect(eventHash(workedExample, null)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  it('chains: the same event after another hash, and any changed field, hash differently', () => {
    const first = eventHash(workedExample, null);
    const variants: HashedEvent[] = [
      { ...workedExample, position: 2n },
      { ...workedExample, revision: 1n },
      { ...workedExample, streamId: 'lead-7c2f' },
      { ...workedExample, id: '0b5e2c1a-6f3d-4e8b-9a27-5d1c3e4f6a71' },
      { ...workedExample, type: 'LeadRejected' },
      { ...workedExample, data: { ...workedExample.data, receivedBy: 'rep-wang' } },
      { ...workedExample, metadata: { ...workedExample.metadata, recordedAt: '2026-11-02T09:30:00.126Z' } },
    ];
    const hashes = new Set([first, eventHash(workedExample, first), ...variants.map((v) => eventHash(v, null))]);
    expect(hashes.size).toBe(variants.length + 2);
  });

  it('does not depend on the order of members in data or metadata', () => {
    const reordered = { ...workedExample, data: { phone: '+8613800138000', channel: 'walk-in', receivedBy: 'rep-li' } };
    expect(eventHash(reordered, null)).toBe(eventHash(workedExample, null));
  });
});
