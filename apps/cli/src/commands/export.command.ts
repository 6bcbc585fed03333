import { turnOfEventLoop } from '@leadledger/event-store';
import { exportLog } from '@leadledger/platform';
import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { CliIo } from '../cli-io';
import { withStore } from '../cli-resources';
import { namingDamagedFiles } from '../naming-damaged-files';

export function exportCommand(program: Command, io: CliIo): void {
  program
    .command('export')
    .description('write the whole log as NDJSON, in commit order')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (options: { out?: string }) => {
      const file = options.out ? createWriteStream(options.out) : null;
      let linesSinceTurn = 0;
      const write = async (line: string) => {
        if (file) {
          if (!file.write(line)) await once(file, 'drain');
          return;
        }
        io.stdout(line);
        // Give the event loop a turn now and then: a reader that closed the pipe (`| head`) is
        // noticed there (output-closed.ts), instead of after reading the rest of the log for nobody.
        if (++linesSinceTurn === 1000) {
          linesSinceTurn = 0;
          await turnOfEventLoop();
        }
      };
      const count = await namingDamagedFiles(io, () => withStore(io, (store) => exportLog(store, write)));
      if (file) {
        file.end();
        await once(file, 'finish');
      }
      io.stderr(`exported ${count} events\n`);
    });
}
