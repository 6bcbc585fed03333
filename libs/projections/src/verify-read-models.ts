import type { EventStore } from '@leadledger/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection } from './projection';
import { type ReadModelDifference, firstDifference } from './read-model-digest';
import { ReadModelDatabase } from './read-model-database';
import { rebuildProjection } from './rebuild';

export interface ProjectionVerification {
  readonly projection: string;
  readonly position: bigint;
  readonly difference: ReadModelDifference | null;
  /** Why the projection could not be compared (failed live or in the rebuild). */
  readonly problem: string | null;
}

/**
 * Rebuilds each projection in a scratch database up to the live checkpoint and compares
 * the two table by table. Equal digests mean the live read model is exactly what the
 * log says it should be.
 */
export async function verifyReadModels(
  store: EventStore,
  live: ReadModelDatabase,
  projections: readonly Projection[],
): Promise<ProjectionVerification[]> {
  const dir = mkdtempSync(join(tmpdir(), 'leadledger-verify-'));
  const scratch = new ReadModelDatabase(join(dir, 'scratch.sqlite'));
  try {
    const results: ProjectionVerification[] = [];
    for (const projection of projections) {
      const checkpoint = live.checkpoint(projection.name);
      const position = checkpoint?.position ?? 0n;
      const base = { projection: projection.name, position, difference: null };
      if (!checkpoint || checkpoint.version !== projection.version) {
        results.push({ ...base, problem: 'the live read model has not been built with this version' });
        continue;
      }
      if (checkpoint.failure) {
        results.push({ ...base, problem: `the live projection failed at event ${checkpoint.failure.eventId}` });
        continue;
      }
      const rebuilt = await rebuildProjection(store, scratch, projection, position);
      if (rebuilt.failure) {
        results.push({
          ...base,
          problem: `the rebuild failed at event ${rebuilt.failure.eventId}: ${rebuilt.failure.error}`,
        });
        continue;
      }
      // One read transaction, so the live tables are compared as of one snapshot.
      const difference = live.db.transaction(() => firstDifference(live.db, scratch.db, projection.tables))();
      results.push({ ...base, difference, problem: null });
    }
    return results;
  } finally {
    scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
