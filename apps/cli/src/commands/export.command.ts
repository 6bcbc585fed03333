import { turnOfEventLoop } from '@leadledger/event-store';
import { exportLog } from '@leadledger/platform';
import type { Command } from 'commander';
import { type WriteStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { CliIo } from '../cli-io';
import { withStore } from '../cli-resources';
import { namingDamagedFiles } from '../naming-damaged-files';

/** A failed export leaves no file behind that could pass for the log: the stream closed, then removed. */
async function discard(file: WriteStream, path: string): Promise<void> {
  file.on('error', () => undefined); // what failed is reported already; the stream only has to close
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  file.destroy();
  await closed;
  await rm(path, { force: true });
}

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
      const count = await namingDamagedFiles(io, () => withStore(io, (store) => exportLog(store, write))).catch(
        async (error: unknown) => {
          if (file && options.out) await discard(file, options.out);
          throw error;
        },
      );
      if (file) {
        file.end();
        await once(file, 'finish');
      }
      io.stderr(`exported ${count} events\n`);
    });
}
