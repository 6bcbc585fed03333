import type { EventStore } from '@leadledger/event-store';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';
import { ReadModelDatabase } from '../read-model-database';
import { type TableDigest, tableDigest } from '../read-model-digest';
import { rebuildProjection } from '../rebuild';

/**
 * The projection's tables built twice from the same log: once one event per transaction
 * (`apply` alone), once by a rebuild in large batches (`applyBatch` where it has one). A
 * projection whose batch path differs from applying its events one by one shows here.
 */
export async function digestsOneByOneAndBatched(
  store: EventStore,
  projection: Projection,
  fileNamed: (name: string) => string,
): Promise<{ oneByOne: TableDigest[]; batched: TableDigest[] }> {
  const oneByOne = new ReadModelDatabase(fileNamed(`${projection.name}-one-by-one.sqlite`));
  const batched = new ReadModelDatabase(fileNamed(`${projection.name}-batched.sqlite`));
  try {
    const runner = new ProjectionRunner(store, oneByOne, [projection], { batchSize: 1 });
    await runner.start();
    await runner.reached(await store.headPosition());
    await runner.stop();
    await rebuildProjection(store, batched, projection);
    const digests = (db: ReadModelDatabase) => projection.tables.map((table) => tableDigest(db.db, table));
    return { oneByOne: digests(oneByOne), batched: digests(batched) };
  } finally {
    oneByOne.close();
    batched.close();
  }
}
