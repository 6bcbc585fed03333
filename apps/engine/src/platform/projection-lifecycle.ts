import { EventStore } from '@leadledger/event-store';
import { ReadModelsLock } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { ReadModelRecovery } from './read-model-recovery';
import { WORKFLOW_CHECKPOINTS } from './tokens';

/**
 * Starts the projections and workflow reactors when the app is up, both fed by the process's
 * one log reader (catching up in the background, so a long log never delays /health) and, on
 * shutdown, stops them before the databases close. Checkpoints need no flush: each is
 * committed with the writes it covers.
 */
@Injectable()
export class ProjectionLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly recovery: ReadModelRecovery,
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    @Inject(WORKFLOW_CHECKPOINTS) private readonly workflowCheckpoints: ReadModelDatabase,
    private readonly readModelsLock: ReadModelsLock,
  ) {}

  onApplicationBootstrap(): void {
    this.recovery.start();
  }

  /** A rebuild under way stops now, not after the requests in flight (which it answers 503) are drained. */
  beforeApplicationShutdown(): void {
    this.recovery.askToStop();
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.recovery.stop();
      this.readModels.close();
      this.workflowCheckpoints.close();
      await this.store.close();
    } finally {
      // Last: a rebuild may start once nothing of this engine writes the files.
      this.readModelsLock.release();
    }
  }
}
