import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { type EventStore, type NewEvent, metadataFor } from '@leadledger/event-store';
import { type InProcessEngine, startInProcessEngine } from '../in-process-engine';
import { machineInfo } from '../machine';
import { markdownTable } from '../markdown-table';
import { withTempDir } from '../temp-dir';

/**
 * Webhook delivery throughput to a receiver on 127.0.0.1 (answering 200 at once), for one
 * subscription: (1) catching up on history by a replay, (2) following the log while a writer
 * appends, with the subscription's lag (events and seconds, from /health) when the writer stops.
 * The receiver runs in this process, so it shares the engine's CPU: the figures are a floor.
 */
const HISTORY = Number(process.env.BENCH_WEBHOOK_HISTORY ?? 20_000);
const LIVE = Number(process.env.BENCH_WEBHOOK_LIVE ?? 10_000);
const APPEND_BATCH = 50;

interface Receiver {
  readonly url: string;
  readonly seen: Set<string>;
  requests: number;
  until(count: number): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  let waiter: { count: number; resolve: () => void } | null = null;
  const receiver = {
    url: '',
    seen: new Set<string>(),
    requests: 0,
    until: (count: number) =>
      receiver.seen.size >= count ? Promise.resolve() : new Promise<void>((resolve) => (waiter = { count, resolve })),
    close: async () => undefined,
  };
  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      receiver.requests++;
      receiver.seen.add(String(request.headers['webhook-id']));
      response.writeHead(204).end();
      if (waiter && receiver.seen.size >= waiter.count) {
        waiter.resolve();
        waiter = null;
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

let repCounter = 0;
/** Published events (RepRegistered) appended straight to the log, `APPEND_BATCH` per append. */
async function appendReps(store: EventStore, count: number): Promise<void> {
  const context = metadataFor({
    actorId: 'bench',
    actorRole: 'admin',
    occurredAt: new Date().toISOString(),
    correlationId: 'bench',
  });
  for (let done = 0; done < count; done += APPEND_BATCH) {
    const events: NewEvent[] = Array.from({ length: Math.min(APPEND_BATCH, count - done) }, () => {
      const repId = `bench-${++repCounter}`;
      return {
        type: 'RepRegistered',
        data: { repId, name: repId, email: `${repId}@example.cn`, team: 'bench' },
        metadata: context,
      };
    });
    await store.appendToStream(`rep-bench-batch-${repCounter}`, events, { expectedRevision: 'no_stream' });
  }
}

async function call(engine: InProcessEngine, method: string, path: string, body?: object): Promise<unknown> {
  const res = await fetch(`${engine.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${engine.secret}`, 'content-type': 'application/json' },
    body: body && JSON.stringify(body),
  });
  if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function webhookLag(engine: InProcessEngine): Promise<{ lag: string; lagSeconds: number }> {
  const res = await fetch(`${engine.baseUrl}/health`);
  const { webhooks } = (await res.json()) as { webhooks: { lag: string; lagSeconds: number }[] };
  return webhooks[0];
}

async function main(): Promise<void> {
  const machine = machineInfo(tmpdir());
  process.stdout.write(`webhook delivery bench: ${HISTORY} events of history, ${LIVE} live\n`);
  await withTempDir(tmpdir(), 'webhooks', async (dir) => {
    const engine = await startInProcessEngine(
      {
        LEADLEDGER_DATA_DIR: dir,
        LEADLEDGER_TIMEZONE: 'UTC',
        LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
        LOG_LEVEL: 'silent',
      },
      { name: 'bench', role: 'service' },
    );
    const receiver = await startReceiver();
    try {
      await appendReps(engine.store, HISTORY);
      await engine.settle();
      const created = (await call(engine, 'POST', '/subscriptions', {
        url: receiver.url,
        filter: { types: ['leadledger.rep.registered.v1'] },
      })) as { subscriptionId: string };

      const catchUpStart = performance.now();
      await call(engine, 'POST', `/subscriptions/${created.subscriptionId}/replay?from=1`);
      await receiver.until(HISTORY);
      const catchUpSeconds = (performance.now() - catchUpStart) / 1000;

      const liveStart = performance.now();
      await appendReps(engine.store, LIVE);
      const writeSeconds = (performance.now() - liveStart) / 1000;
      const lagWhenWriterStopped = await webhookLag(engine);
      await receiver.until(HISTORY + LIVE);
      const liveSeconds = (performance.now() - liveStart) / 1000;
      const lagAtEnd = await webhookLag(engine);

      const rows = [
        [
          'catch-up (replay of history)',
          HISTORY,
          catchUpSeconds.toFixed(2),
          Math.round(HISTORY / catchUpSeconds),
          '—',
          '—',
        ],
        [
          'live (writer appending meanwhile)',
          LIVE,
          liveSeconds.toFixed(2),
          Math.round(LIVE / liveSeconds),
          `${Math.round(LIVE / writeSeconds)}`,
          `${lagWhenWriterStopped.lag} events / ${lagWhenWriterStopped.lagSeconds} s`,
        ],
      ];
      process.stdout.write(
        `\n${markdownTable(
          ['phase', 'events', 'seconds', 'delivered/s', 'written/s', 'lag when the writer stopped'],
          rows.map((r) => r.map(String)),
        )}\n` +
          `\nlag at the end: ${lagAtEnd.lag} events / ${lagAtEnd.lagSeconds} s; requests ${receiver.requests} for ${receiver.seen.size} distinct events\n` +
          `machine: ${JSON.stringify(machine)}\n`,
      );
    } finally {
      await receiver.close();
      await engine.close();
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
