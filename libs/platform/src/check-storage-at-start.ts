import type { EngineConfig } from './engine-config';
import { assertEventLogIntact } from './event-log-integrity';
import { setAsideDamagedDerivedFiles, setAsideLine } from './read-model-integrity';

/**
 * Before anything opens the databases: a damaged log refuses the start (DamagedEventLogError);
 * a damaged read-model or snapshot file is moved aside, with one line each, and rebuilt. By
 * default the checks read a few pages of each file (LEADLEDGER_STARTUP_CHECK=structure), so a
 * start costs the same on an old log; `full` reads every page (quick_check).
 */
export function checkStorageAtStart(config: EngineConfig, log: (line: string) => void, now: Date): void {
  assertEventLogIntact(config);
  for (const setAside of setAsideDamagedDerivedFiles(config, now)) log(setAsideLine(setAside));
}
