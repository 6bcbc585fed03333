import { ConfigurationError, ImportError } from '@leadledger/platform';
import { NotFoundError } from '@leadledger/kernel';
import { Command, CommanderError } from 'commander';
import { CliFailure, type CliIo } from './cli-io';
import { backupCommand } from './commands/backup.command';
import { exportCommand } from './commands/export.command';
import { importCommand } from './commands/import.command';
import { keysCommand } from './commands/keys.command';
import { rebuildCommand } from './commands/rebuild.command';
import { replayCommand } from './commands/replay.command';
import { verifyCommand } from './commands/verify.command';

/** Runs one CLI invocation and returns its exit code (0 success, 1 failure, 2 usage). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = new Command('leadledger')
    .description('leadledger operations: keys, rebuild, verify, export, import, backup, replay')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of [
    keysCommand,
    rebuildCommand,
    verifyCommand,
    exportCommand,
    importCommand,
    backupCommand,
    replayCommand,
  ]) {
    register(program, io);
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliFailure) {
      io.stderr(`${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigurationError || error instanceof ImportError || error instanceof NotFoundError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
