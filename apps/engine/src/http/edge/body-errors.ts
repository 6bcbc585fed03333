import type { NextFunction, Request, Response } from 'express';
import { type FieldProblem, problemBody } from '../problem-body';

/** What body-parser reports (an http-errors error), by its `type`. */
interface BodyReadError {
  readonly type?: string;
  /** http-errors: the status it chose, and whether its message may be shown to the client. */
  readonly status?: number;
  readonly expose?: boolean;
  readonly charset?: string;
  readonly encoding?: string;
  readonly limit?: number;
  readonly message: string;
}

const answers: Record<string, (error: BodyReadError) => [number, FieldProblem]> = {
  'charset.unsupported': (e) => [
    415,
    { field: 'Content-Type', problem: `charset ${e.charset} is not supported; send UTF-8` },
  ],
  'encoding.unsupported': (e) => [
    415,
    { field: 'Content-Encoding', problem: `${e.encoding} is not supported; use gzip, deflate, br or none` },
  ],
  'entity.too.large': (e) => [413, { field: 'body', problem: `must be at most ${e.limit} bytes` }],
  'entity.parse.failed': (e) => [400, { field: 'body', problem: `is not valid JSON: ${e.message}` }],
  'request.size.invalid': () => [400, { field: 'Content-Length', problem: 'does not match the body sent' }],
  'request.aborted': () => [400, { field: 'body', problem: 'ended before it was complete' }],
};

/** Turns a body that could not be read into the API's 4xx shape instead of Express's HTML page. */
export function answerUnreadableBodies(
  error: BodyReadError,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const known = error.type ? answers[error.type] : undefined;
  // Anything else body-parser refused as the client's fault (a body that does not decompress, say).
  const clientFault = error.expose && error.status && error.status >= 400 && error.status < 500;
  if (!known && !clientFault) return next(error);
  const [status, problem]: [number, FieldProblem] = known
    ? known(error)
    : [error.status!, { field: 'body', problem: `could not be read: ${error.message}` }];
  response.status(status).json(problemBody(status, 'The body could not be read; nothing was written', [problem]));
}
