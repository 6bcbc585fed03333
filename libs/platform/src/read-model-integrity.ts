import { moveDamagedFileAside } from './damaged-file';
import type { EngineConfig } from './engine-config';
import { snapshotsFileFor } from './open-event-store';
import { checkSqliteFile } from './sqlite-file-check';

export interface SetAsideFile {
  readonly file: string;
  readonly movedTo: string;
  readonly problem: string;
}

/** Beside the read models, in a file of their own: the workflows' positions outlive a read-model file set aside. */
export const workflowCheckpointsFileFor = (readModelsFile: string): string =>
  readModelsFile === ':memory:' ? ':memory:' : `${readModelsFile.replace(/\.sqlite$/, '')}.workflows.sqlite`;

/**
 * The engine's local files that hold only what the log already says: read models, stream
 * snapshots and the workflows' positions (without which the workflows go over the log again,
 * finding their work done).
 */
export const derivedFilesOf = (config: EngineConfig): string[] => [
  config.readModelsFile,
  snapshotsFileFor(config.readModelsFile),
  workflowCheckpointsFileFor(config.readModelsFile),
];

/**
 * Checks each derived file and moves a damaged one aside, so the engine opens an empty one in
 * its place: the projections then start from the first event of the log and the snapshots are
 * taken again as streams are folded. A missing file needs nothing: it is simply created.
 */
export function setAsideDamagedDerivedFiles(config: EngineConfig, now: Date): SetAsideFile[] {
  const setAside: SetAsideFile[] = [];
  for (const file of derivedFilesOf(config)) {
    const check = checkSqliteFile(file, config.startupCheck);
    if (check.status === 'damaged') {
      setAside.push({ file, movedTo: moveDamagedFileAside(file, now), problem: check.problem });
    }
  }
  return setAside;
}

export const setAsideLine = ({ file, movedTo, problem }: SetAsideFile): string =>
  `${file} is damaged (${problem}); moved it to ${movedTo} and rebuilding it from the log: it holds only derived data.`;
