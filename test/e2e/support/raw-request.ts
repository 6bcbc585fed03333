import { Agent, type Server, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawRequest {
  readonly method: string;
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  /** Parsed when the answer is JSON, else the text. */
  readonly body: unknown;
}

export interface RawClient {
  send(call: RawRequest): Promise<RawAnswer>;
  close(): Promise<void>;
}

/**
 * Sends exactly the given bytes and headers, which supertest will not (it adds a content type to
 * every body and refuses some encodings). The server listens on a free port until `close`.
 */
export async function openRawClient(server: Server): Promise<RawClient> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return {
    send: (call) =>
      new Promise<RawAnswer>((resolve, reject) => {
        const outgoing = request(
          {
            host: '127.0.0.1',
            port,
            agent,
            method: call.method,
            path: call.path,
            // Node sends a DELETE's body with neither length nor chunking unless told its length.
            headers:
              call.body === undefined
                ? call.headers
                : { 'Content-Length': String(Buffer.byteLength(call.body)), ...call.headers },
          },
          (incoming) => {
            const chunks: Buffer[] = [];
            incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
            incoming.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              const isJson = /json/.test(String(incoming.headers['content-type']));
              resolve({
                status: incoming.statusCode ?? 0,
                headers: incoming.headers,
                body: isJson ? JSON.parse(text) : text,
              });
            });
          },
        );
        outgoing.on('error', reject);
        outgoing.end(call.body);
      }),
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One raw request on a server that is not listening yet. */
export async function rawRequest(server: Server, call: RawRequest): Promise<RawAnswer> {
  const client = await openRawClient(server);
  try {
    return await client.send(call);
  } finally {
    await client.close();
  }
}
