import { EventStore, LogReader } from '@leadledger/event-store';
import type { EngineConfig } from '@leadledger/platform';
import { ProjectionRunner } from '@leadledger/projections';
import { ReactorRunner } from '@leadledger/workflows';
import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { ReadModelRecovery } from '../platform/read-model-recovery';
import { answerWhileRebuilding } from '../platform/read-models-unavailable';
import { ENGINE_CONFIG } from '../platform/tokens';
import { WebhookDeliveries } from '../webhooks/webhook-deliveries.service';
import { HealthDto } from './health.dto';
import { healthStatus } from './health-status';

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly store: EventStore,
    private readonly runner: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly recovery: ReadModelRecovery,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly webhooks: WebhookDeliveries,
    private readonly reader: LogReader,
  ) {}

  /**
   * 200 while the store and the read models answer (degraded if a projection failed or the log
   * is not being read, with the reason); 503 while the read models are rebuilt, or when the
   * store or the read models cannot answer.
   */
  @Public()
  @Get()
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ type: HealthDto })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthDto> {
    const store = await this.storeHealth();
    const head = store.headPosition === null ? null : BigInt(store.headPosition);
    const projections = this.runner.status().map((p) => ({
      name: p.name,
      version: p.version,
      state: p.state,
      position: p.position.toString(),
      lag: head === null ? 'unknown' : (head > p.position ? head - p.position : 0n).toString(),
      failure: p.failure && { ...p.failure, position: p.failure.position.toString() },
    }));
    const workflows = this.reactors.status().map((r) => ({
      name: r.name,
      state: r.state,
      position: r.position.toString(),
      failure: r.failure && { ...r.failure, position: r.failure.position.toString() },
    }));
    const failed = [...projections, ...workflows].find((p) => p.failure);
    const readModels = {
      file: this.config.readModelsFile,
      state: this.recovery.state,
      lastDamage: this.recovery.lastDamage,
    };
    const { status, httpStatus, reason } = healthStatus({
      storeError: store.error,
      readModels: readModels.state,
      failedReader: failed?.failure
        ? `${failed.name} failed on the event at position ${failed.failure.position}: ${failed.failure.error}`
        : null,
      // The runner hears of every interruption of the log reader, and of a start that cannot read the head.
      logInterruption: this.runner.readerInterruption,
    });
    response.status(httpStatus);
    // A probe is told when to look again, and the request log keeps this announced state out of its errors.
    if (status === 'rebuilding') answerWhileRebuilding(response);
    const webhooks = store.reachable ? await this.webhooks.health() : [];
    const reading = this.reader.status();
    const logReader = { state: reading.state, error: reading.error, attempts: reading.attempts };
    return { status, reason, store, logReader, projections, workflows, readModels, webhooks };
  }

  private async storeHealth(): Promise<HealthDto['store']> {
    const kind = this.config.store.kind;
    try {
      await this.store.ping();
      return { kind, reachable: true, headPosition: (await this.store.headPosition()).toString(), error: null };
    } catch (error) {
      return {
        kind,
        reachable: false,
        headPosition: null,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }
}
