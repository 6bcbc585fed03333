import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLI_MAIN, childEnv } from './compiled-apps';
import { memoryMiB } from './proc-stats';

export interface CliRun {
  readonly args: readonly string[];
  readonly exitCode: number | null;
  readonly seconds: number;
  /** Peak resident memory of the CLI process, MiB. */
  readonly peakRssMiB: number;
  /** How the peak was read: GNU time's maximum RSS (from wait4), or VmHWM polled every 50 ms. */
  readonly peakFrom: 'gnu-time' | 'vmhwm-poll';
  readonly output: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs `node dist/apps/cli/src/main.js <args>` on `dataDir` and reports its wall time and peak memory. */
export async function runCli(args: readonly string[], dataDir: string): Promise<CliRun> {
  const useTime = existsSync(GNU_TIME);
  const scratch = mkdtempSync(join(tmpdir(), 'leadledger-bench-cli-'));
  const timeFile = join(scratch, 'time.txt');
  const command = useTime ? GNU_TIME : process.execPath;
  const argv = useTime ? ['-f', '%M', '-o', timeFile, process.execPath, CLI_MAIN, ...args] : [CLI_MAIN, ...args];
  try {
    const started = performance.now();
    const child = spawn(command, argv, { env: childEnv(dataDir), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let polledPeak = 0;
    // With GNU time the child is `time`, whose own child is node: poll only without it.
    const poll = useTime
      ? null
      : setInterval(() => {
          try {
            polledPeak = Math.max(polledPeak, memoryMiB(child.pid!).peak);
          } catch {
            // exited between two polls
          }
        }, 50);
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const seconds = (performance.now() - started) / 1000;
    if (poll) clearInterval(poll);
    const peakRssMiB = useTime ? Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)) / 1024 : polledPeak;
    return { args, exitCode, seconds, peakRssMiB, peakFrom: useTime ? 'gnu-time' : 'vmhwm-poll', output };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
