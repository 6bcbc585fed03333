import type { EventStore } from '@leadledger/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Projection } from './projection';
import { type ReadModelDifference, firstDifference } from './read-model-digest';
import { ReadModelDatabase } from './read-model-database';
import { rebuildProjections } from './rebuild';

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
    const problems = new Map<string, string>();
    const positions = new Map<string, bigint>();
    for (const { name, version } of projections) {
      const checkpoint = live.checkpoint(name);
      positions.set(name, checkpoint?.position ?? 0n);
      if (!checkpoint || checkpoint.version !== version) {
        problems.set(name, 'the live read model has not been built with this version');
      } else if (checkpoint.failure) {
        problems.set(name, `the live projection failed at event ${checkpoint.failure.eventId}`);
      }
    }
    const comparable = projections.filter((p) => !problems.has(p.name));
    // One pass over the log rebuilds them all, each up to its own live checkpoint.
    const rebuilt = await rebuildProjections(store, scratch, comparable, positions);
    for (const status of rebuilt) {
      if (status.failure) {
        problems.set(status.name, `the rebuild failed at event ${status.failure.eventId}: ${status.failure.error}`);
      }
    }
    return projections.map((projection): ProjectionVerification => {
      const base = { projection: projection.name, position: positions.get(projection.name) ?? 0n, difference: null };
      const problem = problems.get(projection.name);
      if (problem) return { ...base, problem };
      // One read transaction, so the live tables are compared as of one snapshot.
      const difference = live.db.transaction(() => firstDifference(live.db, scratch.db, projection.tables))();
      return { ...base, difference, problem: null };
    });
  } finally {
    scratch.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
