import { STATUS_CODES } from 'node:http';

export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

export interface ProblemBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly problems: readonly FieldProblem[];
}

/** The one shape of every 4xx about the request itself: each field or header and what is wrong with it. */
export function problemBody(statusCode: number, message: string, problems: readonly FieldProblem[]): ProblemBody {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, problems };
}
