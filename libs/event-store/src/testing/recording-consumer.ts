import type { LogConsumer } from '../log-reader';
import type { LogInterruption } from '../reader-outage';
import type { StoredEvent } from '../stored-event';

/** A LogConsumer that records every event it is handed, as a read model would apply them. */
export class RecordingConsumer implements LogConsumer {
  /** Every event of every batch, repeats included: with one consumer, a repeat is the reader's bug. */
  readonly handed: StoredEvent[] = [];
  readonly interruptions: Array<LogInterruption | null> = [];
  private waiters: Array<() => void> = [];

  constructor(public position: bigint = 0n) {}

  handle(batch: readonly StoredEvent[]): void {
    this.handed.push(...batch);
    const last = batch.at(-1);
    if (last && last.position > this.position) this.position = last.position;
    this.waiters.splice(0).forEach((wake) => wake());
  }

  readerInterrupted(interruption: LogInterruption | null): void {
    this.interruptions.push(interruption);
  }

  async reached(position: bigint): Promise<void> {
    while (this.position < position) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
}
