import { type Agent, request } from 'node:http';

export interface Exchange {
  readonly status: number;
  readonly body: string;
}

const TIMEOUT_MS = 30_000;

/** One HTTP exchange on a kept-alive connection; resolves when the whole body has arrived. */
export function exchange(
  agent: Agent,
  url: URL,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  payload?: string,
): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, hostname: url.hostname, port: url.port, path: url.pathname, method, headers, timeout: TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
