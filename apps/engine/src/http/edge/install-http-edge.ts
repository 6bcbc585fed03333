import type { Server } from 'node:http';
import type { EngineConfig } from '@leadledger/platform';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { answerUnreadableBodies } from './body-errors';
import { jsonBodies } from './json-bodies';
import { answerUnreadableRequests, refuseLongUrls } from './long-urls';

/**
 * Everything a request passes before a controller sees it, in order: the URL's length, security
 * headers and CORS, then the body (JSON only, bounded in size and depth). Each refusal is a 4xx
 * in the API's problem shape; nothing reaches the domain.
 */
export function installHttpEdge(app: NestExpressApplication, config: EngineConfig): void {
  answerUnreadableRequests(app.getHttpServer() as Server);
  app.disable('x-powered-by');
  app.use(refuseLongUrls);
  app.use(helmet());
  if (config.corsOrigins.length > 0) app.enableCors({ origin: [...config.corsOrigins], maxAge: 600 });
  app.use(...jsonBodies(config.bodyLimitBytes));
  app.use(answerUnreadableBodies);
}
