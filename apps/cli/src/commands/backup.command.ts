import { BackupError, backupEventLog, loadConfig } from '@leadledger/platform';
import type { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io';
import { namingDamagedFiles } from '../naming-damaged-files';

export function backupCommand(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('copy the SQLite log while the engine runs (restore: docs/operations.md)')
    .requiredOption('--out <file>', 'the new file to write the copy to')
    .action((options: { out: string }) => namingDamagedFiles(io, () => backup(io, options.out)));
}

async function backup(io: CliIo, out: string): Promise<void> {
  const config = loadConfig(io.env);
  if (config.store.kind !== 'sqlite') {
    throw new CliFailure(
      'backup copies the SQLite log; with EventStoreDB, back up its database with its own tools ' +
        '(see "Backup and restore" in docs/operations.md).',
    );
  }
  try {
    const copy = await backupEventLog(config.store.file, out);
    io.stdout(`backed up the log up to position ${copy.headPosition} (${copy.bytes} bytes) to ${copy.out}\n`);
  } catch (error) {
    if (error instanceof BackupError) throw new CliFailure(`backup: ${error.message}`);
    throw error;
  }
}
