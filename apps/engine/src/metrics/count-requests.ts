import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { EngineMetrics } from './engine-metrics';

/**
 * Counts every answer, also those the edge gives before routing; labelled by route pattern (never the
 * raw path, whose ids would make a series per lead), "unmatched" when no route took the request.
 */
export function countRequests(metrics: EngineMetrics): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      metrics.observeRequest(request.method, route, response.statusCode, seconds);
    });
    next();
  };
}
