import type { Clock } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { type DueWork, type ScheduledRun, runScheduledRules } from '@leadledger/workflows';
import { EventStore } from '@leadledger/event-store';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { workflowPolicy } from '../platform/workflow-policy';
import { CLOCK, ENGINE_CONFIG, WORK_LOOKUPS } from '../platform/tokens';

/**
 * Applies the time-based rules every `schedulerIntervalMs` from the engine's clock. Runs never
 * overlap; tests call `runOnce()` after moving a fake clock instead of waiting for the timer.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<ScheduledRun> | null = null;
  /** Passes since start, for /metrics. */
  readonly runs = { completed: 0, failed: 0 };

  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(WORK_LOOKUPS) private readonly due: DueWork,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.schedulerIntervalMs;
    if (every <= 0) return;
    this.timer = setInterval(() => {
      this.runOnce().catch((error: unknown) => this.logger.error(`Scheduled run failed: ${String(error)}`));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** One pass as of the clock's now; a call while a pass runs gets that pass. */
  runOnce(): Promise<ScheduledRun> {
    this.running ??= runScheduledRules(
      this.store,
      this.due,
      this.clock.now().toISOString(),
      workflowPolicy(this.config),
    )
      .then(
        (run) => {
          this.runs.completed++;
          return run;
        },
        (error: unknown) => {
          this.runs.failed++;
          throw error;
        },
      )
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }
}
