import type { StoredEvent } from '@leadledger/event-store';
import { applyToLedger } from './ledger-engine';
import type { LedgerLine } from './ledger-line';
import { MemoryBook } from './memory-book';

/**
 * The control total's source: the log replayed in memory, without the read model's
 * tables, up to the position the ledger has reached.
 */
export async function replayLedger(
  batches: AsyncIterable<readonly StoredEvent[]>,
  through: bigint,
): Promise<LedgerLine[]> {
  const book = new MemoryBook();
  for await (const batch of batches) {
    for (const event of batch) {
      if (event.position > through) return book.lines;
      applyToLedger(book, event);
    }
  }
  return book.lines;
}
