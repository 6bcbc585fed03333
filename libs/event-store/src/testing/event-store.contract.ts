import { WrongExpectedRevisionError } from '../event-store.errors';
import type { EventStore } from '../event-store.port';
import type { ExpectedRevision } from '../expected-revision';
import { verifyHashChain } from '../hash-chain';
import { anEvent, collect, events, uniquePrefix } from './contract-fixtures';

export interface ContractSubject {
  readonly store: EventStore;
  /** Closes the store and removes what the test made. */
  dispose(): Promise<void>;
}

export interface EventStoreContractOptions {
  /** Makes a store for one test. */
  readonly create: () => Promise<ContractSubject>;
  /**
   * Whether the adapter keeps the tamper-evidence hash chain. 'kept': every event it appends
   * carries a hash chained in global order, written with the append. 'none': no event carries
   * a hash at all; an adapter that cannot chain in one transaction in global order says so
   * here rather than hand out hashes that would not verify.
   */
  readonly hashChain: 'kept' | 'none';
  /**
   * How `appendToStreams` writes several streams. 'atomic': in one transaction, so one
   * stream's conflict writes none of them. 'one-at-a-time': as separate appends in order, so a
   * conflict leaves the streams before it written.
   */
  readonly multiStreamAppend: 'atomic' | 'one-at-a-time';
}

/**
 * The behaviour every EventStore adapter must show. Each adapter's spec calls this once;
 * differences between stores belong in the options, never in branches here.
 */
export function eventStoreContract(adapterName: string, options: EventStoreContractOptions): void {
  describe(`EventStore contract: ${adapterName}`, () => {
    let subject: ContractSubject;
    let store: EventStore;
    let prefix: string;

    beforeEach(async () => {
      subject = await options.create();
      store = subject.store;
      prefix = uniquePrefix();
    });
    afterEach(async () => subject.dispose());

    const conflictOf = async (promise: Promise<unknown>): Promise<WrongExpectedRevisionError> => {
      const error = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      return error as WrongExpectedRevisionError;
    };

    describe('appending with an expected revision', () => {
      it('creates a stream with "no_stream", numbering revisions from 0', async () => {
        const result = await store.appendToStream(`${prefix}a`, events(3), { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(2n);
        expect(result.events.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
        const read = await store.readStream(`${prefix}a`);
        expect(read.map((e) => e.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      });

      it('refuses "no_stream" on an existing stream and reports its revision', async () => {
        await store.appendToStream(`${prefix}a`, events(2), { expectedRevision: 'no_stream' });
        const error = await conflictOf(
          store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 'no_stream' }),
        );
        expect(error.actualRevision).toBe(1n);
        expect(error.streamId).toBe(`${prefix}a`);
      });

      it('accepts the exact current revision and refuses a stale one', async () => {
        await store.appendToStream(`${prefix}a`, events(2), { expectedRevision: 'no_stream' });
        await store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 1n });
        const error = await conflictOf(store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 1n }));
        expect(error.expectedRevision).toBe(1n);
        expect(error.actualRevision).toBe(2n);
      });

      it('refuses a revision on a stream that does not exist, reporting no_stream', async () => {
        const error = await conflictOf(store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 0n }));
        expect(error.actualRevision).toBe('no_stream');
      });

      it('"stream_exists" refuses a missing stream and accepts an existing one', async () => {
        const error = await conflictOf(
          store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 'stream_exists' }),
        );
        expect(error.actualRevision).toBe('no_stream');
        await store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 'no_stream' });
        const result = await store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 'stream_exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('"any" appends whatever the stream holds', async () => {
        await store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 'any' });
        const result = await store.appendToStream(`${prefix}a`, events(2), { expectedRevision: 'any' });
        expect(result.nextExpectedRevision).toBe(2n);
      });

      it('writes nothing when the append is refused', async () => {
        await store.appendToStream(`${prefix}a`, events(1), { expectedRevision: 'no_stream' });
        await conflictOf(store.appendToStream(`${prefix}a`, events(3), { expectedRevision: 'no_stream' }));
        expect(await store.readStream(`${prefix}a`)).toHaveLength(1);
        // This test's streams, not the global head: other writers may share a live server.
        expect(await store.readAll({ filter: { streamPrefixes: [prefix] } })).toHaveLength(1);
      });

      it('refuses an event holding a number JSON has no form for (NaN, Infinity), and writes nothing', async () => {
        const odd = [anEvent('SaleRecorded', { amount: Number.NaN }), anEvent('SaleRecorded', { amount: Infinity })];
        for (const event of odd) {
          await expect(store.appendToStream(`${prefix}a`, [event], { expectedRevision: 'any' })).rejects.toThrow(
            RangeError,
          );
        }
        expect(await store.readStream(`${prefix}a`)).toEqual([]);
      });

      it('keeps every metadata field, the given id, and sets recordedAt', async () => {
        const id = '6f1c2a8e-3d4b-4c5a-9e7f-0a1b2c3d4e5f';
        const event = { ...anEvent('LeadReceived', { phone: '+8613800138000' }), id };
        await store.appendToStream(`${prefix}a`, [event], { expectedRevision: 'no_stream' });
        const [stored] = await store.readStream(`${prefix}a`);
        expect(stored.id).toBe(id);
        expect(stored.type).toBe('LeadReceived');
        expect(stored.streamId).toBe(`${prefix}a`);
        expect(stored.data).toEqual({ phone: '+8613800138000' });
        expect(stored.metadata).toMatchObject(event.metadata);
        expect(Number.isNaN(Date.parse(stored.metadata.recordedAt))).toBe(false);
      });
    });

    describe(`appending to several streams (${options.multiStreamAppend})`, () => {
      it('appends each stream at its own revision, in the order given, and says so', async () => {
        await store.appendToStream(`${prefix}b`, events(2), { expectedRevision: 'no_stream' });
        const results = await store.appendToStreams([
          { streamId: `${prefix}a`, events: events(2), expectedRevision: 'no_stream' },
          { streamId: `${prefix}b`, events: events(1), expectedRevision: 1n },
        ]);
        expect(store.appendsAtomically).toBe(options.multiStreamAppend === 'atomic');
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 2n]);
        const written = results.flatMap((r) => r.events);
        expect(written.map((e) => `${e.streamId.slice(prefix.length)}#${e.revision}`)).toEqual(['a#0', 'a#1', 'b#2']);
        const positions = written.map((e) => e.position);
        expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
        expect(await store.readStream(`${prefix}b`)).toHaveLength(3);
      });

      it('refuses a stale revision on one stream with a conflict naming that stream', async () => {
        await store.appendToStream(`${prefix}b`, events(1), { expectedRevision: 'no_stream' });
        const error = await conflictOf(
          store.appendToStreams([
            { streamId: `${prefix}a`, events: events(1), expectedRevision: 'no_stream' },
            { streamId: `${prefix}b`, events: events(1), expectedRevision: 'no_stream' },
            { streamId: `${prefix}c`, events: events(1), expectedRevision: 'no_stream' },
          ]),
        );
        expect(error.streamId).toBe(`${prefix}b`);
        expect(error.actualRevision).toBe(0n);
        const left = await store.readAll({ filter: { streamPrefixes: [prefix] } });
        const expected = options.multiStreamAppend === 'atomic' ? ['b'] : ['b', 'a'];
        expect(left.map((e) => e.streamId.slice(prefix.length)).sort()).toEqual(expected.sort());
      });
    });

    it('gives 50 concurrent writers exactly one winner per revision and loses no event', async () => {
      const streamId = `${prefix}contended`;
      const winnersByRevision = new Map<string, number>();
      const writer = async (n: number): Promise<void> => {
        for (;;) {
          const last = (await store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0];
          const expected: ExpectedRevision = last ? last.revision : 'no_stream';
          try {
            await store.appendToStream(streamId, [anEvent('Noted', { writer: n })], { expectedRevision: expected });
            const key = String(expected);
            winnersByRevision.set(key, (winnersByRevision.get(key) ?? 0) + 1);
            return;
          } catch (error) {
            if (!(error instanceof WrongExpectedRevisionError)) throw error;
          }
        }
      };
      await Promise.all(Array.from({ length: 50 }, (_, n) => writer(n)));

      const stored = await store.readStream(streamId);
      expect(stored.map((e) => e.revision)).toEqual(Array.from({ length: 50 }, (_, i) => BigInt(i)));
      expect(stored.map((e) => e.data.writer).sort((a, b) => Number(a) - Number(b))).toEqual(
        Array.from({ length: 50 }, (_, i) => i),
      );
      expect([...winnersByRevision.values()].every((count) => count === 1)).toBe(true);
      expect(winnersByRevision.size).toBe(50);
    });

    describe('reading one stream', () => {
      beforeEach(async () => {
        await store.appendToStream(`${prefix}a`, events(5), { expectedRevision: 'no_stream' });
      });

      it('reads forwards from a revision, up to a count', async () => {
        const read = await store.readStream(`${prefix}a`, { fromRevision: 1n, maxCount: 3 });
        expect(read.map((e) => e.revision)).toEqual([1n, 2n, 3n]);
      });

      it('reads backwards from the end or from a revision', async () => {
        const fromEnd = await store.readStream(`${prefix}a`, { direction: 'backwards', maxCount: 2 });
        expect(fromEnd.map((e) => e.revision)).toEqual([4n, 3n]);
        const fromTwo = await store.readStream(`${prefix}a`, { direction: 'backwards', fromRevision: 2n });
        expect(fromTwo.map((e) => e.revision)).toEqual([2n, 1n, 0n]);
      });

      it('reads a missing stream as empty', async () => {
        expect(await store.readStream(`${prefix}missing`)).toEqual([]);
        expect(await store.readStream(`${prefix}missing`, { direction: 'backwards' })).toEqual([]);
      });
    });

    describe('reading the global log', () => {
      it('returns events in commit order with strictly increasing positions', async () => {
        const order = ['x', 'y', 'x', 'z', 'y', 'x'];
        for (const [i, s] of order.entries()) {
          await store.appendToStream(`${prefix}${s}`, [anEvent('Noted', { i })], { expectedRevision: 'any' });
        }
        const all = await store.readAll({ filter: { streamPrefixes: [prefix] } });
        expect(all.map((e) => e.data.i)).toEqual([0, 1, 2, 3, 4, 5]);
        const positions = all.map((e) => e.position);
        expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(positions[positions.length - 1]);
      });

      it('pages through the log in batches, each event exactly once', async () => {
        await store.appendToStream(`${prefix}a`, events(7), { expectedRevision: 'no_stream' });
        await store.appendToStream(`${prefix}b`, events(6), { expectedRevision: 'no_stream' });
        const seen: string[] = [];
        let after = 0n;
        for (;;) {
          const batch = await store.readAll({ after, maxCount: 4, filter: { streamPrefixes: [prefix] } });
          if (batch.length === 0) break;
          seen.push(...batch.map((e) => e.id));
          after = batch[batch.length - 1].position;
        }
        expect(seen).toHaveLength(13);
        expect(new Set(seen).size).toBe(13);
      });

      it('filters by event type and by stream prefix', async () => {
        await store.appendToStream(`${prefix}lead-1`, [anEvent('LeadReceived'), anEvent('LeadAssigned')], {
          expectedRevision: 'no_stream',
        });
        await store.appendToStream(`${prefix}sale-1`, [anEvent('SaleRecorded')], { expectedRevision: 'no_stream' });
        const byType = await store.readAll({
          filter: { eventTypes: ['LeadAssigned', 'SaleRecorded'], streamPrefixes: [prefix] },
        });
        expect(byType.map((e) => e.type)).toEqual(['LeadAssigned', 'SaleRecorded']);
        const byStream = await store.readAll({ filter: { streamPrefixes: [`${prefix}lead-`] } });
        expect(byStream.map((e) => e.type)).toEqual(['LeadReceived', 'LeadAssigned']);
      });
    });

    describe(`the hash chain (${options.hashChain})`, () => {
      const appendSome = async () => {
        // Concurrent appends to several streams: a store that groups them must still chain in global order.
        await Promise.all(
          ['a', 'b', 'c', 'd'].map((s) =>
            store.appendToStream(`${prefix}${s}`, events(3), { expectedRevision: 'no_stream' }),
          ),
        );
        await store.appendToStream(`${prefix}a`, events(2), { expectedRevision: 2n });
        const refused = store.appendToStream(`${prefix}b`, events(1), { expectedRevision: 'no_stream' });
        await expect(refused).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        return store.appendToStream(`${prefix}e`, events(1), { expectedRevision: 'no_stream' });
      };

      if (options.hashChain === 'kept') {
        it('gives every appended event a hash, the same on append, stream read, global read and subscription', async () => {
          const last = await appendSome();
          const [read] = await store.readStream(`${prefix}e`);
          const [global] = await store.readAll({ after: last.events[0].position - 1n, maxCount: 1 });
          const subscription = collect(store, { after: last.events[0].position - 1n }, 1);
          const [live] = await subscription.complete;
          await subscription.stop();
          expect(last.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
          expect([read.hash, global.hash, live.hash]).toEqual([
            last.events[0].hash,
            last.events[0].hash,
            last.events[0].hash,
          ]);
        });

        it('chains the whole log in global order, its head the last event appended', async () => {
          const last = await appendSome();
          const report = await verifyHashChain(store, 5);
          expect(report.broken).toBeNull();
          expect(report.head).toEqual({ position: last.events[0].position, hash: last.events[0].hash });
        });
      } else {
        it('gives no event a hash', async () => {
          const last = await appendSome();
          const read = await store.readAll({ filter: { streamPrefixes: [prefix] } });
          expect([...last.events, ...read].filter((e) => e.hash !== undefined)).toEqual([]);
        });
      }
    });

    describe('subscribing to the global log', () => {
      const filter = () => ({ streamPrefixes: [prefix] });

      it('from the middle, receives every later event once, including those appended while catching up', async () => {
        const first = await store.appendToStream(`${prefix}a`, events(10), { expectedRevision: 'no_stream' });
        const middle = first.events[4].position;
        let appendedDuringCatchUp = false;
        const subscription = collect(store, { after: middle, filter: filter() }, 15, async () => {
          if (appendedDuringCatchUp) return;
          appendedDuringCatchUp = true;
          await store.appendToStream(`${prefix}b`, events(10, 'Later'), { expectedRevision: 'no_stream' });
        });
        const received = await subscription.complete;
        await subscription.stop();
        expect(received.map((e) => `${e.streamId.slice(prefix.length)}:${e.revision}`)).toEqual([
          ...[5, 6, 7, 8, 9].map((r) => `a:${r}`),
          ...Array.from({ length: 10 }, (_, r) => `b:${r}`),
        ]);
        expect(subscription.received).toHaveLength(15);
      });

      it('follows live appends in commit order', async () => {
        const subscription = collect(store, { filter: filter() }, 6);
        for (let i = 0; i < 3; i++) {
          await store.appendToStream(`${prefix}s${i % 2}`, events(2, `Live${i}`), { expectedRevision: 'any' });
        }
        const received = await subscription.complete;
        await subscription.stop();
        expect(received.map((e) => e.type)).toEqual(['Live0', 'Live0', 'Live1', 'Live1', 'Live2', 'Live2']);
      });

      it('resumes from the last handled position without gap or repeat', async () => {
        await store.appendToStream(`${prefix}a`, events(8), { expectedRevision: 'no_stream' });
        const firstRun = collect(store, { filter: filter() }, 3);
        const firstThree = await firstRun.complete;
        await firstRun.stop();
        const resumeAfter = firstThree[2].position;
        await store.appendToStream(`${prefix}a`, events(2), { expectedRevision: 7n });
        const secondRun = collect(store, { after: resumeAfter, filter: filter() }, 7);
        const rest = await secondRun.complete;
        await secondRun.stop();
        expect([...firstThree, ...rest].map((e) => e.revision)).toEqual(
          Array.from({ length: 10 }, (_, i) => BigInt(i)),
        );
      });

      it('delivers only events that pass its filter', async () => {
        const subscription = collect(store, { filter: { streamPrefixes: [prefix], eventTypes: ['Wanted'] } }, 2);
        await store.appendToStream(`${prefix}a`, [anEvent('Other'), anEvent('Wanted', { n: 1 })], {
          expectedRevision: 'no_stream',
        });
        await store.appendToStream(`${prefix}b`, [anEvent('Other'), anEvent('Wanted', { n: 2 })], {
          expectedRevision: 'no_stream',
        });
        const received = await subscription.complete;
        await subscription.stop();
        expect(received.map((e) => e.data.n)).toEqual([1, 2]);
      });

      it('ends with the handler error, so a failing reader stops at that event', async () => {
        await store.appendToStream(`${prefix}a`, events(3), { expectedRevision: 'no_stream' });
        const handled: bigint[] = [];
        const subscription = store.subscribeToAll({ filter: filter() }, (event) => {
          if (event.revision === 1n) throw new Error('cannot apply');
          handled.push(event.revision);
        });
        await expect(subscription.done).rejects.toThrow('cannot apply');
        expect(handled).toEqual([0n]);
      });
    });
  });
}
