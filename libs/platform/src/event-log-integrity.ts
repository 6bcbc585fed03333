import type { EngineConfig } from './engine-config';
import { checkSqliteFile } from './sqlite-file-check';

/** The log cannot be rebuilt from anything: a damaged one stops the engine with what to do, in one line. */
export class DamagedEventLogError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(
      `The events file ${file} is damaged (${problem}). It is the log, the one source of truth, so nothing ` +
        `can rebuild it: restore it from your latest backup as "Backup and restore" in docs/operations.md describes.`,
    );
    this.name = 'DamagedEventLogError';
  }
}

/** Checks the SQLite log to the configured depth; EventStoreDB looks after its own files. */
export function assertEventLogIntact(config: EngineConfig): void {
  if (config.store.kind !== 'sqlite') return;
  const check = checkSqliteFile(config.store.file, config.startupCheck);
  if (check.status === 'damaged') throw new DamagedEventLogError(config.store.file, check.problem);
}
