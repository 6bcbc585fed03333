import type { Server } from 'node:http';
import type { EngineConfig } from '@leadledger/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { logRequests } from '../../logging/request-logging';
import { countRequests } from '../../metrics/count-requests';
import { EngineMetrics } from '../../metrics/engine-metrics';
import { exactBigints } from '../exact-json';
import { answerUnreadableBodies } from './body-errors';
import { jsonBodies } from './json-bodies';
import { answerUnreadableRequests, refuseLongUrls } from './long-urls';

/**
 * Everything a request passes before a controller sees it, in order: its log line and metrics
 * (written when it ends, whatever answers it), the URL's length, security
 * headers, no caching of what a key holder is answered, and CORS, then the body (JSON only, bounded in size and depth). Each refusal is a 4xx
 * in the API's problem shape; nothing reaches the domain.
 */
export function installHttpEdge(app: NestExpressApplication, config: EngineConfig, logger: Logger): void {
  answerUnreadableRequests(app.getHttpServer() as Server);
  app.disable('x-powered-by');
  app.set('json replacer', exactBigints);
  app.use(logRequests(logger), countRequests(app.get(EngineMetrics)));
  app.use(refuseLongUrls);
  app.use(helmet());
  app.use(noStoreForKeyHolders);
  if (config.corsOrigins.length > 0) {
    // A browser script may read only the headers it is told of: the request id and when to retry.
    app.enableCors({ origin: [...config.corsOrigins], maxAge: 600, exposedHeaders: ['X-Request-Id', 'Retry-After'] });
  }
  app.use(...jsonBodies(config.bodyLimitBytes));
  app.use(answerUnreadableBodies);
}

/**
 * An answer to a request that carried a key is that key holder's (a webhook secret, a customer's
 * contact): no browser or proxy keeps it. A route may still say otherwise for itself.
 */
function noStoreForKeyHolders(request: Request, response: Response, next: NextFunction): void {
  if (request.headers.authorization !== undefined) response.setHeader('Cache-Control', 'no-store');
  next();
}
