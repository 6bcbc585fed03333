import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface ProcessRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const root = join(__dirname, '..', '..', '..');

/**
 * Runs an entry point (apps/engine/src/main.ts, apps/cli/src/main.ts) in a process of its own,
 * from the TypeScript source (ts-node, transpile only, with the tsconfig path aliases), as a
 * deployment would run its build: for what only a separate process shows (exit codes, output
 * of a start-up that fails, a second process on the same files).
 */
export function runFromSource(
  entry: string,
  args: readonly string[],
  env: Record<string, string>,
  /** Closes the read end of standard output after the first chunk, as `| head -1` does. */
  options: { readFirstChunkOnly?: boolean } = {},
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', entry, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: 'tsconfig.json', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (options.readFirstChunkOnly) child.stdout.destroy();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
