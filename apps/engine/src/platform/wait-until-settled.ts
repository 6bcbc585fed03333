import { EventStore } from '@leadledger/event-store';
import { ProjectionRunner } from '@leadledger/projections';
import { ReactorRunner } from '@leadledger/workflows';
import type { INestApplicationContext } from '@nestjs/common';

/**
 * Resolves once the workflow reactors and then every projection have applied the whole log.
 * Reactors append as they react, so they are waited for until the log stops growing.
 */
export async function waitUntilSettled(app: INestApplicationContext): Promise<void> {
  const store = app.get(EventStore);
  const reactors = app.get(ReactorRunner);
  for (let head = await store.headPosition(); ;) {
    await reactors.reached(head);
    const next = await store.headPosition();
    if (next === head) break;
    head = next;
  }
  await app.get(ProjectionRunner).reached(await store.headPosition());
}
