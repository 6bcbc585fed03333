import type { EventStore } from '@leadledger/event-store';
export { CrashingStore } from '@leadledger/event-store/testing';

/** Everything the log holds, without ids, positions and record times: what a user would see. */
export const logOf = async (store: EventStore): Promise<string[]> =>
  (await store.readAll({ maxCount: 10_000 })).map(
    (e) => `${e.streamId}#${e.revision} ${e.type} ${JSON.stringify(e.data)}`,
  );
