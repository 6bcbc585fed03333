import type { StoredEvent } from '@leadledger/event-store';
import type { Projection, ReadModelConnection } from '@leadledger/projections';
import { LEDGER_EVENT_TYPES, applyToLedger } from '../engine/ledger-engine';
import { LEDGER_TABLES, SqlCommissionBook, createLedgerTables } from './sql-book';

export const COMMISSION_LEDGER = 'commission-ledger';

/**
 * Per payee, append-only lines (accrual, clawback, adjustment, payout) with their
 * provenance: the engine's rules applied to the log in order, its memory kept in SQLite.
 */
export const commissionLedgerProjection: Projection = {
  name: COMMISSION_LEDGER,
  // 2: ledger_balances, the sums reconciliation reads. 3: the latest accrual in ledger_state.
  // 4: ledger_tier_history, the tier bases line replays read. 5: a clawback's base is its part of
  // the base still standing, not of the whole base again (lines after a second partial refund).
  // 6: the minimum per sale is topped up when a refund, not only a payment, makes the sale fully credited.
  version: '6',
  tables: LEDGER_TABLES,
  eventTypes: LEDGER_EVENT_TYPES,
  setup(db: ReadModelConnection) {
    createLedgerTables(db);
  },
  apply(event: StoredEvent, db: ReadModelConnection) {
    applyToLedger(new SqlCommissionBook(db), event);
  },
  applyBatch(events: readonly StoredEvent[], db: ReadModelConnection) {
    const book = new SqlCommissionBook(db);
    book.inBatch(() => {
      for (const event of events) applyToLedger(book, event);
    });
  },
};
