import { type HashedEvent, eventHash } from './event-hash';
import { HashChainCheck } from './hash-chain';

type Linked = HashedEvent & { hash?: string };

function event(position: number): HashedEvent {
  return {
    position: BigInt(position),
    streamId: `lead-${position % 3}`,
    revision: BigInt(Math.floor(position / 3)),
    id: `id-${position}`,
    type: 'Noted',
    data: { n: position },
    metadata: {
      actorId: 'rep-1',
      actorRole: 'rep',
      reason: null,
      occurredAt: '2026-11-02T09:30:00.000Z',
      recordedAt: '2026-11-02T09:30:01.000Z',
      correlationId: 'corr-1',
      causationId: null,
      idempotencyKey: null,
      schemaVersion: 1,
    },
  };
}

/** Events 1..count; those from `chainFrom` on hashed as a store keeping a chain writes them. */
function log(count: number, chainFrom = 1): Linked[] {
  let previous: string | null = null;
  return Array.from({ length: count }, (_, i) => {
    const e = event(i + 1);
    if (i + 1 < chainFrom) return e;
    const hash = eventHash(e, previous);
    previous = hash;
    return { ...e, hash };
  });
}

function check(events: readonly Linked[]) {
  const chain = new HashChainCheck();
  for (const e of events) chain.check(e);
  return chain.report();
}

describe('HashChainCheck', () => {
  describe('on an intact chain', () => {
    it('reports where it starts and its head', () => {
      const events = log(5);
      expect(check(events)).toEqual({
        events: 5,
        unhashed: 0,
        chainStartsAt: 1n,
        head: { position: 5n, hash: events[4].hash },
        broken: null,
      });
    });

    it('counts events before the chain started (a log older than the chain) without checking them', () => {
      const report = check(log(6, 4));
      expect(report).toMatchObject({ events: 6, unhashed: 3, chainStartsAt: 4n, broken: null });
    });

    it('holds across a gap in positions when the links were made that way', () => {
      const a = event(1);
      const b = event(7);
      const hashA = eventHash(a, null);
      expect(
        check([
          { ...a, hash: hashA },
          { ...b, hash: eventHash(b, hashA) },
        ]).broken,
      ).toBeNull();
    });
  });

  describe('on a tampered chain', () => {
    it('names an event whose data was edited, and stops there', () => {
      const events = log(5);
      events[2] = { ...events[2], data: { n: 99 } };
      events[3] = { ...events[3], data: { n: 98 } };
      expect(check(events).broken).toEqual({
        position: 3n,
        problem: 'its hash does not match its content and the hash of the event before it (position 2)',
      });
    });

    it('names the event after a deleted one, saying which position is missing', () => {
      const events = log(5).filter((e) => e.position !== 3n);
      expect(check(events).broken).toEqual({
        position: 4n,
        problem:
          'its hash does not match its content and the hash of the event before it (position 2); position 3 is not in the log',
      });
    });

    it('names the first event when the chain start was removed', () => {
      const events = log(4).slice(1);
      expect(check(events).broken?.position).toBe(2n);
    });

    it('names an event whose hash was rewritten to fit edited content, at the next link', () => {
      const events = log(4);
      const edited = { ...events[1], data: { n: 42 } };
      events[1] = { ...edited, hash: eventHash(edited, events[0].hash!) };
      expect(check(events).broken?.position).toBe(3n);
    });

    it('names an event whose hash was removed after the chain started', () => {
      const events = log(4);
      const { hash: _removed, ...bare } = events[2];
      events[2] = bare;
      expect(check(events).broken).toEqual({
        position: 3n,
        problem: 'carries no hash, but the chain starts at position 1',
      });
    });

    it('names the next event when the hashes before it were removed to move the chain start', () => {
      const events = log(4).map((e, i) => (i < 2 ? event(i + 1) : e));
      expect(check(events).broken).toEqual({
        position: 3n,
        problem:
          'its hash does not match its content and a chain starting here (the event before it, position 2, carries no hash)',
      });
    });

    it('gives no head once broken', () => {
      const events = log(3);
      events[0] = { ...events[0], type: 'Changed' };
      expect(check(events).head).toBeNull();
    });
  });
});
