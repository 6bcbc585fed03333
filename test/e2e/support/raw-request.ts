import { type Server, request } from 'node:http';
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

/**
 * Sends exactly the given bytes and headers, which supertest will not (it adds a content
 * type to every body and refuses some encodings): the server listens on a free port for the call.
 */
export async function rawRequest(server: Server, call: RawRequest): Promise<RawAnswer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<RawAnswer>((resolve, reject) => {
      const outgoing = request(
        { host: '127.0.0.1', port, method: call.method, path: call.path, headers: call.headers },
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
    });
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
