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
  const rows = readModels.db
    .prepare('SELECT * FROM projection_checkpoints WHERE substr(name, 1, ?) = ? ORDER BY name')
    .safeIntegers(true)
    .all(REACTOR_CHECKPOINT_PREFIX.length, REACTOR_CHECKPOINT_PREFIX) as CheckpointRow[];
  const carried: string[] = [];
  const insert = checkpoints.db.prepare(
    `INSERT INTO projection_checkpoints (name, version, position, failed_event_id, failed_position, error)
     VALUES (@name, @version, @position, @failed_event_id, @failed_position, @error)`,
  );
  checkpoints.db.transaction(() => {
    for (const row of rows) {
      if (checkpoints.checkpoint(row.name)) continue;
      insert.run(row);
      carried.push(row.name.slice(REACTOR_CHECKPOINT_PREFIX.length));
    }
  })();
  // Once they are safely in their own file: a crash in between leaves them in both, and the next start finds them there.
  readModels.db
    .prepare('DELETE FROM projection_checkpoints WHERE substr(name, 1, ?) = ?')
    .run(REACTOR_CHECKPOINT_PREFIX.length, REACTOR_CHECKPOINT_PREFIX);
  return carried;
}

interface CheckpointRow {
  readonly name: string;
  readonly version: string;
  readonly position: bigint;
  readonly failed_event_id: string | null;
  readonly failed_position: bigint | null;
  readonly error: string | null;
}
