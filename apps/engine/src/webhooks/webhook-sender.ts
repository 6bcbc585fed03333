import { type Agent as HttpAgent, request as httpRequest } from 'node:http';
import { type Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { guardedLookup, isForbiddenAddress } from './outbound-address';

export interface AttemptOutcome {
  /** The answer's status, null when none came (refused, timed out, address not allowed). */
  readonly statusCode: number | null;
  /** Null for a 2xx. */
  readonly error: string | null;
  readonly latencyMs: number;
}

export interface OutboundPost {
  readonly url: URL;
  readonly body: string;
  readonly headers: Record<string, string>;
  readonly timeoutMs: number;
  readonly allowPrivate: boolean;
  readonly agent: HttpAgent | HttpsAgent;
}

/** The most of an answer's body read (and thrown away): the status is all that counts. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One POST of one delivery. node:http rather than fetch: it follows no redirect (a 3xx is a
 * failed attempt), and its `lookup` hook lets every address the socket connects to be checked
 * (fetch would need the undici package for that). The timeout covers the whole attempt.
 */
export function postWebhook(post: OutboundPost): Promise<AttemptOutcome> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  const host = post.url.hostname.replace(/^\[|\]$/g, '');
  if (!post.allowPrivate && isIP(host) && isForbiddenAddress(host))
    return Promise.resolve({ statusCode: null, error: `address not allowed: ${host}`, latencyMs: 0 });
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: Omit<AttemptOutcome, 'latencyMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...outcome, latencyMs: latency() });
    };
    const send = post.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(
      post.url,
      {
        method: 'POST',
        agent: post.agent,
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
        ...(post.allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (answer) => {
        const statusCode = answer.statusCode ?? 0;
        let read = 0;
        answer.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) answer.destroy();
        });
        const done = () => settle({ statusCode, error: answerError(statusCode, answer.headers.location) });
        answer.on('end', done);
        answer.on('close', done);
        answer.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      settle({ statusCode: null, error: `timed out after ${post.timeoutMs} ms` });
      outgoing.destroy();
    }, post.timeoutMs);
    outgoing.on('error', (error: NodeJS.ErrnoException) => settle({ statusCode: null, error: error.message }));
    outgoing.end(post.body);
  });
}

function answerError(statusCode: number, location: string | undefined): string | null {
  if (statusCode >= 200 && statusCode < 300) return null;
  if (statusCode >= 300 && statusCode < 400) return `redirect not followed (${statusCode} to ${location ?? '?'})`;
  return `HTTP ${statusCode}`;
}
