import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ServedWhileRebuilding } from '../platform/read-model-gate.interceptor';
import { EngineMetrics } from './engine-metrics';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: EngineMetrics) {}

  /** Prometheus text format; scrape with a service key (`authorization: { credentials: ... }` in the scrape config). */
  @Get()
  @Roles('admin', 'service')
  @ServedWhileRebuilding()
  @Header('Cache-Control', 'no-store')
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The Prometheus exposition of every series the engine keeps',
    content: { 'text/plain': { schema: { type: 'string' } } },
  })
  async scrape(@Res({ passthrough: true }) response: Response): Promise<string> {
    response.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}
