import { EventStore, LogReader } from '@leadledger/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { ReactorRunner } from '@leadledger/workflows';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';

/**
 * Starts the projections and workflow reactors when the app is up, both fed by the process's
 * one log reader (catching up in the background, so a long log never delays /health) and, on
 * shutdown, stops them before the databases close. Checkpoints need no flush: each is
 * committed with the writes it covers.
 */
@Injectable()
export class ProjectionLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Projections');

  constructor(
    private readonly runner: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly reader: LogReader,
  ) {}

  onApplicationBootstrap(): void {
    // Workflows resume from their checkpoints: an intake a crash interrupted completes now.
    this.reactors.prepare();
    this.runner
      .prepare()
      .then(() => this.reader.start([this.runner, this.reactors]))
      .catch((error: unknown) => this.logger.error(`The log reader did not start: ${String(error)}`));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reader.stop();
    await this.reactors.stop();
    await this.runner.stop();
    this.readModels.close();
    await this.store.close();
  }
}
