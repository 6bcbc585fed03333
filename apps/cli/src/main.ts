import { randomIds, systemClock } from '@leadledger/kernel';
import { runCli } from './cli';
import { endQuietlyWhenOutputCloses } from './output-closed';

endQuietlyWhenOutputCloses(process.stdout);

runCli(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: process.stdin,
  clock: systemClock,
  ids: randomIds,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
