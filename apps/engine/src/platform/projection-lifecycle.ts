import { EventStore } from '@leadledger/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Starts the projections when the app is up (catching up in the background, so a long
 * log never delays /health) and, on shutdown, stops them before the databases close.
 * Checkpoints need no flush: each is committed with the writes it covers.
 */
@Injectable()
export class ProjectionLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start().catch((error: unknown) => this.logger.error(`Projection runner stopped: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    this.readModels.close();
    await this.store.close();
  }
}
