import { LogReaderDownError } from './event-store.errors';
import { type Sleep, timerSleep } from './retry-backoff';

/** Why the log is not being read. */
export interface LogInterruption {
  /** The store's error (reading is retried), or a consumer's (it is not). */
  readonly error: unknown;
  /** Reading will not resume by itself: waiters are answered at once. */
  readonly final: boolean;
  /** Failed attempts in a row so far. */
  readonly attempts: number;
}

export interface ReaderOutageOptions {
  /** How long a waiter waits for reading to resume before it is answered with the error. */
  readonly boundMs?: number;
  readonly sleep?: Sleep;
}

/**
 * Bounds the waits of readers (`reached(position)`) on a log that is not being read. A short
 * outage (a leader election) is waited out; once reading has been down for longer than the
 * bound, every waiter, and every new one until reading resumes, gets LogReaderDownError
 * instead of hanging or answering from a stale read model.
 */
export class ReaderOutage {
  private current: LogInterruption | null = null;
  private overdue = false;
  private timer: AbortController | null = null;
  private readonly waiters = new Set<(error: Error) => void>();
  private readonly boundMs: number;
  private readonly sleep: Sleep;

  constructor(options: ReaderOutageOptions = {}) {
    this.boundMs = options.boundMs ?? 5_000;
    this.sleep = options.sleep ?? timerSleep;
  }

  get interruption(): LogInterruption | null {
    return this.current;
  }

  interrupted(interruption: LogInterruption): void {
    this.current = interruption;
    if (interruption.final) return this.expire();
    // The bound runs from the start of the outage, not from its latest failed retry.
    if (this.timer) return;
    const timer = (this.timer = new AbortController());
    void this.sleep(this.boundMs, timer.signal).then(() => {
      if (!timer.signal.aborted) this.expire();
    });
  }

  resumed(): void {
    this.current = null;
    this.overdue = false;
    this.timer?.abort();
    this.timer = null;
  }

  /** Settles as `waiting` does, or with LogReaderDownError once the outage outlasts the bound. */
  within<T>(waiting: Promise<T>): Promise<T> {
    if (this.overdue && this.current) return Promise.reject(new LogReaderDownError(this.current.error));
    return new Promise<T>((resolve, reject) => {
      this.waiters.add(reject);
      waiting.then(resolve, reject).finally(() => this.waiters.delete(reject));
    });
  }

  private expire(): void {
    if (!this.current) return;
    this.overdue = true;
    const error = new LogReaderDownError(this.current.error);
    for (const reject of this.waiters) reject(error);
    this.waiters.clear();
  }
}
