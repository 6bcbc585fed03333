import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventSource } from 'eventsource';
import { startInProcessEngine } from '../in-process-engine';
import { machineInfo } from '../machine';
import { writeJson } from '../results';
import { withTempDir } from '../temp-dir';

/**
 * SSE fan-out: CLIENTS streams follow the live log while LEADS leads arrive through the API
 * (CONCURRENCY at a time). Measured: events delivered per second over all clients, and how far
 * the slowest client is behind when the last lead has been answered and when all have caught up.
 */
const CLIENTS = Number(process.env.CLIENTS ?? 50);
const LEADS = Number(process.env.LEADS ?? 500);
const CONCURRENCY = 8;

async function main(): Promise<void> {
  await withTempDir(tmpdir(), 'sse', async (dir) => {
    const engine = await startInProcessEngine(
      {
        LEADLEDGER_DATA_DIR: dir,
        LEADLEDGER_SCHEDULER_INTERVAL_MS: '0',
        LEADLEDGER_SSE_MAX_BUFFER_BYTES: String(64 << 20),
      },
      { name: 'bench', role: 'admin' },
    );
    const auth = { Authorization: `Bearer ${engine.secret}`, 'Content-Type': 'application/json' };
    const post = async (path: string, body: object) => {
      const response = await fetch(`${engine.baseUrl}${path}`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(body),
      });
      if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    };
    try {
      for (const repId of ['wang', 'li', 'zhao']) {
        await post('/reps', { repId, name: repId, email: `${repId}@example.cn`, team: 'east' });
      }
      await post('/pools', {
        poolId: 'east',
        name: 'east',
        strategy: 'smooth-weighted-round-robin',
        acceptanceSlaMinutes: 30,
        protectionDays: 30,
        protectionWarningDays: 5,
      });
      for (const repId of ['wang', 'li', 'zhao']) await post('/pools/east/members', { repId, weight: 1 });
      await engine.settle();
      const start = await engine.store.headPosition();

      const latest = new Array<bigint>(CLIENTS).fill(start);
      const received = new Array<number>(CLIENTS).fill(0);
      const clients = Array.from({ length: CLIENTS }, (_, n) => {
        const source = new EventSource(`${engine.baseUrl}/events/stream?after=${start}`, {
          fetch: (input, init) =>
            fetch(input, { ...init, headers: { ...init?.headers, Authorization: auth.Authorization } }),
        });
        source.onmessage = (message) => {
          latest[n] = BigInt(message.lastEventId);
          received[n]++;
        };
        return source;
      });
      const began = performance.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < LEADS) {
            const n = next++;
            await post('/leads', {
              channel: 'web-form',
              contact: { phone: `1370000${String(n).padStart(4, '0')}` },
              poolId: 'east',
            });
          }
        }),
      );
      const answered = performance.now();
      await engine.settle();
      const head = await engine.store.headPosition();
      const behindAtLastAnswer = Number(head - latest.reduce((low, p) => (p < low ? p : low)));
      while (latest.some((p) => p < head)) await new Promise((resolve) => setTimeout(resolve, 5));
      const caughtUp = performance.now();
      clients.forEach((client) => client.close());

      const events = Number(head - start);
      const result = {
        clients: CLIENTS,
        leads: LEADS,
        events,
        deliveredPerSecond: Math.round((received.reduce((a, b) => a + b, 0) / (caughtUp - began)) * 1000),
        leadsPerSecond: Math.round((LEADS / (answered - began)) * 1000),
        slowestBehindAtLastAnswerEvents: behindAtLastAnswer,
        lastClientCaughtUpMsAfterLastAnswer: Math.round(caughtUp - answered),
        machine: machineInfo(tmpdir()),
      };
      writeJson(join(process.cwd(), 'bench', 'results', 'feed-sse-latest.json'), result);
      process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } finally {
      await engine.close();
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
