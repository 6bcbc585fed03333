import { type ChildProcess, spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { exchange } from '../intake/http-client';
import { ENGINE_MAIN, childEnv } from './compiled-apps';
import { cpuTicks, memoryMiB } from './proc-stats';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface HealthBody {
  readonly status: string;
  readonly store: { readonly headPosition: string | null };
  readonly projections?: ReadonlyArray<{ name: string; lag: string; state?: string }>;
  readonly workflows?: ReadonlyArray<{ name: string; position: string; state?: string }>;
}

/** The engine as a child process (`node dist/apps/engine/src/main.js`), alone in its process. */
export class EngineProcess {
  readonly baseUrl: string;
  /** performance.now() just before spawn. */
  readonly spawnedAt: number;
  private readonly child: ChildProcess;
  private output = '';
  private exitInfo: { code: number | null; signal: string | null } | null = null;
  private readonly exited: Promise<void>;
  private readonly poller = new Agent({ keepAlive: false });

  private constructor(dataDir: string, port: number, extraEnv: Record<string, string>) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.spawnedAt = performance.now();
    this.child = spawn(process.execPath, [ENGINE_MAIN], {
      env: childEnv(dataDir, { PORT: String(port), ...extraEnv }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-8000);
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      }),
    );
  }

  static async start(dataDir: string, extraEnv: Record<string, string> = {}): Promise<EngineProcess> {
    return new EngineProcess(dataDir, await freePort(), extraEnv);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last few kB the engine wrote to stdout and stderr. */
  get lastOutput(): string {
    return this.output;
  }

  private assertAlive(): void {
    if (this.exitInfo) {
      throw new Error(
        `the engine exited (code ${this.exitInfo.code}, signal ${this.exitInfo.signal}); its last output:\n${this.output}`,
      );
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
    return exchange(this.poller, new URL(path, this.baseUrl), 'GET', headers);
  }

  /**
   * Polls `path` every `everyMs` until it answers 200; resolves with the milliseconds from
   * spawn to that answer's last byte.
   */
  async firstOk(path: string, headers: Record<string, string> = {}, timeoutMs = 600_000, everyMs = 5): Promise<number> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      this.assertAlive();
      try {
        const { status } = await this.get(path, headers);
        if (status === 200) return performance.now() - this.spawnedAt;
      } catch {
        // not listening yet
      }
      if (performance.now() > deadline) throw new Error(`${path} did not answer 200 within ${timeoutMs} ms`);
      await sleep(everyMs);
    }
  }

  async health(): Promise<HealthBody> {
    const { status, body } = await this.get('/health');
    if (status !== 200) throw new Error(`/health answered ${status}: ${body.slice(0, 300)}`);
    return JSON.parse(body) as HealthBody;
  }

  /**
   * Waits until every projection reports no lag and every workflow reactor stands at the head,
   * with the head unchanged since the previous poll (reactors append as they react). A reactor
   * may report a position short of the head if it skips events it does not read: once the
   * projections are at the head and nothing has moved for `quietMs`, that counts as caught up
   * too (and `reactorsBehind` says so). Resolves with the milliseconds from spawn and the head.
   */
  async caughtUp(
    timeoutMs = 900_000,
    everyMs = 100,
    quietMs = 5_000,
  ): Promise<{ ms: number; head: number; reactorsBehind: boolean }> {
    const deadline = performance.now() + timeoutMs;
    let previousHead: string | null = null;
    let quietSince = performance.now();
    let previousPositions = '';
    for (;;) {
      this.assertAlive();
      try {
        const health = await this.health();
        const head = health.store.headPosition;
        const projectionsDone = (health.projections ?? []).every((p) => p.lag === '0');
        const reactorsDone = (health.workflows ?? []).every((w) => w.position === head);
        const positions = JSON.stringify([head, health.projections, health.workflows]);
        if (positions !== previousPositions) {
          previousPositions = positions;
          quietSince = performance.now();
        }
        if (head !== null && projectionsDone && head === previousHead) {
          if (reactorsDone)
            return { ms: performance.now() - this.spawnedAt, head: Number(head), reactorsBehind: false };
          if (performance.now() - quietSince >= quietMs) {
            return { ms: performance.now() - this.spawnedAt - quietMs, head: Number(head), reactorsBehind: true };
          }
        }
        previousHead = head;
      } catch {
        previousHead = null;
      }
      if (performance.now() > deadline) {
        throw new Error(`the engine did not catch up within ${timeoutMs} ms; its last output:\n${this.output}`);
      }
      await sleep(everyMs);
    }
  }

  cpuTicks(): number {
    return cpuTicks(this.pid);
  }

  memoryMiB(): { rss: number; peak: number } {
    return memoryMiB(this.pid);
  }

  /** SIGTERM (the engine's graceful shutdown), SIGKILL if it has not exited within `graceMs`. */
  async stop(graceMs = 30_000): Promise<{ code: number | null; signal: string | null }> {
    this.poller.destroy();
    if (!this.exitInfo) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      await this.exited;
      clearTimeout(timer);
    }
    return this.exitInfo!;
  }
}
