import type { EventStore } from '@leadledger/event-store';
import { toPublishedEvent } from '@leadledger/feed';
import type request from 'supertest';

type Http = () => ReturnType<typeof request>;

/** Registers reps `${prefix}-1` … `${prefix}-${count}`, a few requests at a time: one published event each. */
export async function registerReps(http: Http, adminKey: string, prefix: string, count: number): Promise<void> {
  for (let start = 1; start <= count; start += 25) {
    const batch = Array.from({ length: Math.min(25, count - start + 1) }, (_, i) => start + i);
    await Promise.all(
      batch.map((n) =>
        http()
          .post('/reps')
          .set('Authorization', `Bearer ${adminKey}`)
          .send({ repId: `${prefix}-${n}`, name: `Rep ${n}`, email: `${prefix}-${n}@example.cn`, team: 'east' })
          .expect(201),
      ),
    );
  }
}

/** The ids of the published events of `type`, in log order, after `after`: what a subscription must deliver. */
export async function publishedIds(store: EventStore, type: string, after = 0n): Promise<string[]> {
  const ids: string[] = [];
  for (;;) {
    const events = await store.readAll({ after, maxCount: 1000 });
    if (events.length === 0) return ids;
    for (const event of events) if (toPublishedEvent(event, 'urn:test')?.type === type) ids.push(event.id);
    after = events[events.length - 1].position;
  }
}
