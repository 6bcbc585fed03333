import type { StoredEvent } from '@leadledger/event-store';
import { isSqliteCorruption } from '@leadledger/event-store-sqlite';
import type { ProjectionWorker } from './projection-worker';
import type { ReadModelDatabase } from './read-model-database';

/**
 * Applies one batch of the log to every projection that still takes events, in ONE
 * read-model transaction with all their checkpoints: one commit per batch instead of one
 * per projection per event. If any projection throws, the transaction is rolled back and
 * each projection retries the batch on its own, so only the failing one stops, at the
 * failing event, and the others keep going.
 */
export function applyToProjections(
  readModels: ReadModelDatabase,
  workers: readonly ProjectionWorker[],
  batch: readonly StoredEvent[],
): void {
  const taking = workers.filter((w) => w.takesEvents);
  if (taking.length === 0 || batch.length === 0) return;
  let positions: bigint[];
  try {
    positions = readModels.db.transaction(() => taking.map((w) => w.applyWithin(batch)))();
  } catch (error) {
    // Retrying event by event finds a failing projection, not a damaged file.
    if (isSqliteCorruption(error)) throw error;
    for (const worker of taking) worker.applyAlone(batch);
    return;
  }
  taking.forEach((worker, i) => worker.adopt(positions[i]));
}
