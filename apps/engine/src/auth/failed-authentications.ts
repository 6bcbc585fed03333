import type { EngineConfig } from '@leadledger/platform';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { ENGINE_CONFIG } from '../platform/tokens';

const WINDOW_MS = 60_000;
const THROTTLER = 'failed-authentications';

/**
 * Counts failed authentications per client address (the throttler's sliding window), so a key
 * cannot be guessed at request speed: past the limit, that address is refused for a minute.
 */
@Injectable()
export class FailedAuthentications implements OnApplicationShutdown {
  private readonly counts = new ThrottlerStorageService();

  constructor(@Inject(ENGINE_CONFIG) private readonly config: EngineConfig) {}

  /** Seconds this address must still wait, or 0 when it may try. */
  secondsBlocked(address: string): number {
    const record = this.counts.storage.get(address);
    if (!record?.isBlocked) return 0;
    return Math.max(0, Math.ceil((record.blockExpiresAt - Date.now()) / 1000));
  }

  /** Counts one failure; answers the seconds to wait when this one crossed the limit, else 0. */
  async record(address: string): Promise<number> {
    const after = await this.counts.increment(
      address,
      WINDOW_MS,
      this.config.authFailuresPerMinute,
      WINDOW_MS,
      THROTTLER,
    );
    return after.isBlocked ? Math.max(1, after.timeToBlockExpire) : 0;
  }

  onApplicationShutdown(): void {
    this.counts.onApplicationShutdown();
  }
}
