import type { LogConsumer, StoredEvent } from '@leadledger/event-store';
import { isSqliteCorruption } from '@leadledger/event-store-sqlite';

/**
 * Hands batches to a consumer until SQLite reports its file damaged; then tells `onDamage` and
 * takes nothing more. The batch it failed on was rolled back, so it must not be handed later
 * ones (it would skip events): the rebuild starts it again from its checkpoints.
 */
export function reportingDamage(consumer: LogConsumer, onDamage: (error: unknown) => void): LogConsumer {
  let damaged = false;
  const damage = (error: unknown): void => {
    if (!isSqliteCorruption(error)) throw error;
    damaged = true;
    onDamage(error);
  };
  return {
    get position() {
      return damaged ? null : consumer.position;
    },
    readerInterrupted: (interruption) => consumer.readerInterrupted?.(interruption),
    handle(batch: readonly StoredEvent[]): void | Promise<void> {
      if (damaged) return;
      try {
        const handled = consumer.handle(batch);
        return handled instanceof Promise ? handled.catch(damage) : handled;
      } catch (error) {
        damage(error);
      }
    },
  };
}
