import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly headers: Record<string, string>;
  readonly body: string;
  /** The CloudEvent's id and global position, from the body. */
  readonly id: string;
  readonly position: bigint;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every request, in arrival order, duplicates included. */
  readonly received: ReceivedDelivery[];
  /** The status to answer the n-th request (1-based) with; 200 unless told otherwise. */
  answerWith(status: (n: number) => number): void;
  /** Each event id once, in the order of its first arrival. */
  unique(): ReceivedDelivery[];
  /** Resolves once `count` distinct webhook-ids have been answered 2xx. */
  waitForUnique(count: number): Promise<void>;
  close(): Promise<void>;
}

const flat = (headers: IncomingHttpHeaders): Record<string, string> =>
  Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));

/** A real HTTP server on 127.0.0.1 that records what the engine posts to it; `delayMs` slows each answer. */
export async function startWebhookReceiver(options: { delayMs?: number } = {}): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const acknowledged = new Set<string>();
  let answer: (n: number) => number = () => 200;
  let waiters: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => setTimeout(answerRequest, options.delayMs ?? 0));
    const answerRequest = () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as { id: string; position: string };
      received.push({ headers: flat(request.headers), body, id: event.id, position: BigInt(event.position) });
      const status = answer(received.length);
      if (status >= 300 && status < 400) response.setHeader('location', 'http://127.0.0.1:9/elsewhere');
      response.writeHead(status).end();
      if (status >= 200 && status < 300) acknowledged.add(String(request.headers['webhook-id']));
      waiters = waiters.filter((waiter) => (acknowledged.size >= waiter.count ? (waiter.resolve(), false) : true));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    answerWith: (status) => (answer = status),
    unique: () => {
      const firsts = new Map<string, ReceivedDelivery>();
      for (const delivery of received) if (!firsts.has(delivery.id)) firsts.set(delivery.id, delivery);
      return [...firsts.values()];
    },
    waitForUnique: (count) =>
      acknowledged.size >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Re-checks `condition` until it holds; the test's own timeout bounds the wait, never a timed assertion. */
export async function eventually(condition: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}
