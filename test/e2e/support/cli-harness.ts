import { sequentialIds, systemClock } from '@leadledger/kernel';
import { Readable } from 'node:stream';
import { runCli } from '../../../apps/cli/src/cli';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in this process against the given environment, as `leadledger <args>` would. */
export async function cli(env: Record<string, string>, args: string[], stdin = ''): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    stdin: Readable.from([stdin]),
    clock: systemClock,
    ids: sequentialIds('cli'),
  });
  return { code, stdout, stderr };
}
