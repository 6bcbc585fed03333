import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Actor } from '@leadledger/auth';
import type { Logger } from 'pino';
import { type HttpLogger, pinoHttp } from 'pino-http';
import { answeredWhileRebuilding } from '../platform/read-models-unavailable';

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
    customErrorObject: (request, response, error, line: object) => ({
      ...withoutStatusOnlyError(line, error, response),
      ...whoAndWhere(request),
    }),
    customErrorMessage: (_request, response) =>
      answeredWhileRebuilding(response) ? 'request completed' : 'request errored',
    serializers: {
      req: (request: { id: string; method: string; url: string; raw: LoggedRequest }) => ({
        id: request.id,
        method: request.method,
        url: request.raw.originalUrl ?? request.url,
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    // A 503 while the read models are rebuilt is a state the engine announces (and logs once, when it
    // begins), not a failure: at error level, one line per request or probe would page an operator.
    customLogLevel: (_request, response, error) =>
      error
        ? 'error'
        : answeredWhileRebuilding(response)
          ? 'warn'
          : response.statusCode >= 500
            ? 'error'
            : response.statusCode >= 400
              ? 'warn'
              : 'info',
    quietReqLogger: true,
  });
}

/**
 * pino-http makes an error of its own for a 5xx answered without one ("failed with status code
 * 503"); its stack shows only pino-http, so it is left out. A real failure's stack is logged
 * where it is caught (the problem filter), and an error pino-http is given is kept.
 */
function withoutStatusOnlyError(line: object, error: Error, response: ServerResponse): object {
  if (error.message !== `failed with status code ${response.statusCode}`) return line;
  const { err: _statusOnly, ...rest } = line as { err?: unknown };
  return rest;
}

function whoAndWhere(request: IncomingMessage): { keyId: string | null; route: string | null } {
  const { actor, route } = request as LoggedRequest;
  return { keyId: actor?.keyId ?? null, route: route?.path ?? null };
}
