import type { EventStore } from '@leadledger/event-store';
import { type ReadModelDatabase, checkReadModelOrigin, forgetOrigin } from '@leadledger/projections';

/** Each reactor's checkpoint row is named after it with this prefix. */
export const REACTOR_CHECKPOINT_PREFIX = 'reactor:';

/** What a reactor lane keeps of a checkpoint database: its own row. */
export type ReactorCheckpoints = Pick<ReadModelDatabase, 'checkpoint' | 'saveCheckpoint' | 'recordFailure'>;

/**
 * The reactors' positions live in a file of their own beside the read models (the engine's
 * `*.workflows.sqlite`), not in the read-model file: a read-model file set aside as damaged or
 * deleted by an operator then costs a rebuild of the read models only, not every workflow going
 * over the whole log again (about 11 s at 500k events, and more as the log grows).
 *
 * Positions recorded against another log (another store, a log restored from an older backup:
 * a position past its head) mean nothing here: they are forgotten, and the workflows go over
 * this log from its start, as they would from an empty file. Answers why they were forgotten,
 * or null when they were kept.
 */
export async function forgetCheckpointsOfAnotherLog(
  store: Pick<EventStore, 'readAll' | 'headPosition'>,
  checkpoints: ReadModelDatabase,
): Promise<string | null> {
  const origin = await checkReadModelOrigin(store, checkpoints);
  if (origin.matches) return null;
  checkpoints.db.transaction(() => {
    checkpoints.db.exec('DELETE FROM projection_checkpoints');
    forgetOrigin(checkpoints);
  })();
  await checkReadModelOrigin(store, checkpoints);
  return origin.reason;
}

/**
 * Releases before this kept the reactors' positions in the read-model file: the first start with
 * a file of their own takes them over (a position already in the new file wins) and removes
 * them from the read-model file. Call only for a read-model file built from this log. Answers
 * the reactors whose positions it took over.
 */
export function carryOverReactorCheckpoints(readModels: ReadModelDatabase, checkpoints: ReadModelDatabase): string[] {
  const names = readModels.db
    .prepare('SELECT name FROM projection_checkpoints WHERE substr(name, 1, ?) = ? ORDER BY name')
    .pluck()
    .all(REACTOR_CHECKPOINT_PREFIX.length, REACTOR_CHECKPOINT_PREFIX) as string[];
  const carried: string[] = [];
  checkpoints.db.transaction(() => {
    for (const name of names) {
      const stored = readModels.checkpoint(name);
      if (!stored || checkpoints.checkpoint(name)) continue;
      checkpoints.saveCheckpoint(name, stored.version, stored.position);
      if (stored.failure) checkpoints.recordFailure(name, stored.failure);
      carried.push(name.slice(REACTOR_CHECKPOINT_PREFIX.length));
    }
  })();
  // Once they are safely in their own file: a crash in between leaves them in both, and the next start finds them there.
  for (const name of names) readModels.reset([], name);
  return carried;
}
