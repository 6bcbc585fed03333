import type { EngineConfig } from './engine-config';
import { DamagedEventLogError } from './event-log-integrity';
import { derivedFilesOf } from './read-model-integrity';
import { checkSqliteFile } from './sqlite-file-check';

/**
 * After SQLite reported damage (which never says in which file): which of the configured files
 * is damaged, each in one line with what to do about it. Empty when quick_check finds nothing,
 * which happens for damage it does not look for (an index that disagrees with its table).
 */
export function describeDamagedFiles(config: EngineConfig): string[] {
  const lines: string[] = [];
  if (config.store.kind === 'sqlite') {
    const log = checkSqliteFile(config.store.file);
    if (log.status === 'damaged') lines.push(new DamagedEventLogError(config.store.file, log.problem).message);
  }
  for (const file of derivedFilesOf(config)) {
    const check = checkSqliteFile(file);
    if (check.status === 'damaged') {
      // `rebuild` builds the read models; the snapshots and the workflows' positions start again on their own.
      const remedy =
        file === config.readModelsFile
          ? 'starting the engine moves it aside and rebuilds it (or move it aside and run `leadledger rebuild`).'
          : 'starting the engine moves it aside and starts a new one.';
      lines.push(`The file ${file} is damaged (${check.problem}). It holds only data derived from the log: ${remedy}`);
    }
  }
  return lines;
}
