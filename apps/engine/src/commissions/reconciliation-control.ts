import {
  COMMISSION_LEDGER,
  ControlLedger,
  LEDGER_EVENT_TYPES,
  type Reconciliation,
  ledgerTotalsThrough,
  reconcileTotals,
} from '@leadledger/commissions';
import { EventStore, readAllInBatches } from '@leadledger/event-store';
import { ReadModelDatabase } from '@leadledger/projections';
import { Injectable } from '@nestjs/common';
import { timeSliced } from './time-sliced';

/** Small reads, so decoding one batch fits in a slice too. */
const READ_BATCH = 100;
/** The longest the control's catch-up holds the event loop before letting other requests run. */
const SLICE_MS = 3;

/**
 * The reconciliation's control, kept for the life of the engine: an in-memory replay of
 * the log that never reads the ledger's tables, advanced from where the last
 * reconciliation left it to where the ledger stands now, in slices that yield.
 */
@Injectable()
export class ReconciliationControl {
  private control = new ControlLedger();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
  ) {}

  /** One at a time: the control is shared and only moves forward. */
  reconcile(period: string): Promise<Reconciliation> {
    const run = this.queue.then(() => this.reconcileNow(period));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async reconcileNow(period: string): Promise<Reconciliation> {
    // The ledger's figures and the position they stand at, read in one snapshot.
    const { through, ledger } = this.readModels.db.transaction(() => ({
      through: this.readModels.checkpoint(COMMISSION_LEDGER)?.position ?? 0n,
      ledger: ledgerTotalsThrough(this.readModels.db, period),
    }))();
    // A ledger rebuilt from zero stands behind the control: start the control again too.
    if (through < this.control.position) this.control = new ControlLedger();
    const after = this.control.position;
    const events = readAllInBatches(this.store, {
      after,
      maxCount: READ_BATCH,
      filter: { eventTypes: LEDGER_EVENT_TYPES },
    });
    await this.control.advance(events, through, timeSliced(SLICE_MS));
    return reconcileTotals(period, ledger, this.control.totalsThrough(period));
  }
}
