import { EventStore } from '@leadledger/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { ReactorRunner } from '@leadledger/workflows';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Starts the projections and workflow reactors when the app is up (catching up in the background, so a long
 * log never delays /health) and, on shutdown, stops them before the databases close.
 * Checkpoints need no flush: each is committed with the writes it covers.
 */
@Injectable()
export class ProjectionLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start().catch((error: unknown) => this.logger.error(`Projection runner stopped: ${String(error)}`));
    // Workflows resume from their checkpoints: an intake a crash interrupted completes now.
    this.reactors.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reactors.stop();
    await this.runner.stop();
    this.readModels.close();
    await this.store.close();
  }
}
