import { type StoredEvent, turnOfEventLoop } from '@leadledger/event-store';
import { applyToLedger } from './ledger-engine';
import type { LedgerLine } from './ledger-line';
import { LineTotals, type PeriodTotals } from './line-totals';
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

/** How a long catch-up shares the event loop: when a slice of work ends, and how it pauses. */
export interface Pacing {
  /** Asked after each event: should the slice end here? */
  sliceOver(): boolean;
  pause(): Promise<void>;
}

/** A pause every `events` events; the app paces by elapsed time instead (the engine reads no clock). */
export function everyEvents(events: number, pause: () => Promise<void> = turnOfEventLoop): Pacing {
  let count = 0;
  return {
    // `--count` is an equivalent mutant: -events % events is -0, and -0 === 0.
    sliceOver: () => ++count % events === 0,
    pause,
  };
}

/**
 * The same replay kept between reconciliations: the engine's memory in maps and its lines
 * only as sums per payee, currency, period and kind. Each call advances it from its last
 * position with the new events alone, and never beyond the position it is given.
 */
export class ControlLedger {
  private readonly totals = new LineTotals();
  private readonly book = new MemoryBook((lines) => this.totals.addLines(lines));
  private reached = 0n;

  /** The last log position applied (or known to hold no ledger event). */
  get position(): bigint {
    return this.reached;
  }

  /**
   * Applies the events after `position` up to `through` from `batches` (read from any
   * earlier point: what it already applied is skipped), pausing between slices.
   */
  async advance(
    batches: AsyncIterable<readonly StoredEvent[]>,
    through: bigint,
    pacing: Pacing = everyEvents(100),
  ): Promise<void> {
    if (through <= this.reached) return;
    for await (const batch of batches) {
      for (const event of batch) {
        if (event.position > through) {
          this.reached = through;
          return;
        }
        if (event.position <= this.reached) continue;
        applyToLedger(this.book, event);
        this.reached = event.position;
        if (pacing.sliceOver()) await pacing.pause();
      }
    }
    // The log holds nothing more up to `through` (the ledger reached it, so it was written).
    this.reached = through;
  }

  /** Every payee's statement totals for `period`, as of `position`. */
  totalsThrough(period: string): PeriodTotals {
    return this.totals.through(period);
  }
}
