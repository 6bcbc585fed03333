import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '@leadledger/auth';
import type { Logger } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';

/** A caller's own id is kept when it looks like an id, so one request can be followed across services. */
const ACCEPTABLE_REQUEST_ID = /^[\w.:-]{1,128}$/;

interface LoggedRequest extends IncomingMessage {
  readonly actor?: Actor;
  readonly route?: { readonly path: string };
  readonly originalUrl?: string;
}

/**
 * One line per request when it ends: its id (from X-Request-Id or made, and sent back), the
 * key id (never the secret: headers are not logged), the route, the status and the latency.
 */
export function logRequests(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (request: IncomingMessage, response: ServerResponse) => {
      const given = request.headers['x-request-id'];
      const id = typeof given === 'string' && ACCEPTABLE_REQUEST_ID.test(given) ? given : randomUUID();
      response.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'latencyMs' },
    // Added to the line written at the end, when the key and the route are known.
    customSuccessObject: (request, _response, line: object) => ({ ...line, ...whoAndWhere(request) }),
    customErrorObject: (request, _response, _error, line: object) => ({ ...line, ...whoAndWhere(request) }),
    serializers: {
      req: (request: { id: string; method: string; url: string; raw: LoggedRequest }) => ({
        id: request.id,
        method: request.method,
        url: request.raw.originalUrl ?? request.url,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customLogLevel: (_request, response, error) =>
      error || response.statusCode >= 500 ? 'error' : response.statusCode >= 400 ? 'warn' : 'info',
    quietReqLogger: true,
  });
}

function whoAndWhere(request: IncomingMessage): { keyId: string | null; route: string | null } {
  const { actor, route } = request as LoggedRequest;
  return { keyId: actor?.keyId ?? null, route: route?.path ?? null };
}
