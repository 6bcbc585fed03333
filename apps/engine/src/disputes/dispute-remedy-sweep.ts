import { disputesWithPendingRemedy, completeRemedy, disputeStreamId } from '@leadledger/disputes';
import { EventStore } from '@leadledger/event-store';
import type { EngineConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import { defaultTerms } from '@leadledger/workflows';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { once } from 'node:events';
import { ENGINE_CONFIG } from '../platform/tokens';
import { workflowPolicy } from '../platform/workflow-policy';
import { DisputeReads } from './dispute-subjects';

/**
 * Completes, at start-up, the remedy of every upheld dispute the board shows as pending: what an
 * engine that stopped between an uphold's DisputeResolved and its remedy's last step left. The
 * board counts remedy events by their causation, and completeRemedy writes only what is missing.
 * A shutdown stops it between disputes, before the databases close: what it leaves, the next
 * start completes.
 */
@Injectable()
export class DisputeRemedySweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DisputeRemedySweep');
  /** The start-up run, for tests and for shutdown to wait on. */
  done: Promise<number> = Promise.resolve(0);
  /** Shutdown has begun: the wait for the read models ends there, not at their close. */
  private readonly stopping = new AbortController();

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly reads: DisputeReads,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  onApplicationBootstrap(): void {
    // In the background: the read models catch up after boot, and /health must not wait for them.
    this.done = this.runOnce().catch((error: unknown) => {
      this.logger.error(`Completing dispute remedies failed: ${String(error)}`);
      return 0;
    });
  }

  /** Runs before any database closes: the sweep ends after the dispute it is completing, if any. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await this.done;
  }

  /** Completes every pending remedy; answers how many remedy events it wrote. */
  async runOnce(): Promise<number> {
    // The read models may still be catching up when the engine is stopped.
    await Promise.race([this.reads.settled(), once(this.stopping.signal, 'abort')]);
    if (this.stopping.signal.aborted) return 0;
    const terms = defaultTerms(workflowPolicy(this.config));
    let written = 0;
    for (const disputeId of disputesWithPendingRemedy(this.readModels.db)) {
      if (this.stopping.signal.aborted) break;
      const [resolution] = await this.store.readStream(disputeStreamId(disputeId), {
        direction: 'backwards',
        maxCount: 1,
      });
      if (resolution?.type !== 'DisputeResolved') continue;
      const run = await completeRemedy(this.store, resolution, terms);
      written += run.events.length;
      for (const refusal of run.refused)
        this.logger.warn(`Dispute ${disputeId}: a remedy step was refused: ${refusal.code} ${refusal.message}`);
    }
    return written;
  }
}
