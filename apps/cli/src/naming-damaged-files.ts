import { isSqliteCorruption } from '@leadledger/event-store-sqlite';
import { describeDamagedFiles, loadConfig } from '@leadledger/platform';
import { CliFailure, type CliIo } from './cli-io';

/**
 * Runs a command's work; if SQLite reports a damaged file on the way, ends with a line naming
 * the file and what to do (SQLite itself never says which file), instead of a stack.
 */
export async function namingDamagedFiles<T>(io: CliIo, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isSqliteCorruption(error)) throw error;
    const lines = describeDamagedFiles(loadConfig(io.env));
    if (lines.length > 0) throw new CliFailure(lines.join('\n'));
    throw new CliFailure(
      `SQLite reported a damaged file (${String((error as { message?: unknown }).message)}) that quick_check does not find: ` +
        `run PRAGMA integrity_check on the events, read-models and snapshots files to see which.`,
    );
  }
}
