import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

export interface EngineProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** Everything the process wrote, for a failing test's message. */
  output(): string;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * apps/engine/src/main.ts in a child process (ts-node, as run-from-source.ts does), kept running
 * and handed back once it listens, so a test can kill it (SIGKILL: no shutdown hook runs).
 */
export function startEngineProcess(env: Record<string, string>, port: number): Promise<EngineProcess> {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/engine/src/main.ts'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_TRANSPILE_ONLY: 'true',
        TS_NODE_PROJECT: 'tsconfig.json',
        PORT: String(port),
        LEADLEDGER_HOST: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('leadledger listening on'))
        resolve({ child, baseUrl: `http://127.0.0.1:${port}`, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      reject(new Error(`engine exited (${code ?? signal}) before listening:\n${output}`)),
    );
  });
}

/** Kills the process with SIGKILL and waits until it is gone. */
export async function killEngineProcess(engine: EngineProcess): Promise<void> {
  if (engine.child.exitCode !== null || engine.child.signalCode !== null) return;
  const gone = new Promise((resolve) => engine.child.once('exit', resolve));
  engine.child.kill('SIGKILL');
  await gone;
}
