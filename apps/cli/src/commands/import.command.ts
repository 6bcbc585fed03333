import { importLog } from '@leadledger/platform';
import type { Command } from 'commander';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { CliIo } from '../cli-io';
import { withStore } from '../cli-resources';

export function importCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('append an NDJSON export to the configured store (re-running skips what is already there)')
    .option('--in <file>', 'read this file instead of standard input')
    .action(async (options: { in?: string }) => {
      const input = options.in ? createReadStream(options.in) : io.stdin;
      const lines = createInterface({ input, crlfDelay: Infinity });
      const outcome = await withStore(io, (store) => importLog(store, lines));
      io.stderr(`imported ${outcome.imported} events, skipped ${outcome.skipped} already present\n`);
    });
}
