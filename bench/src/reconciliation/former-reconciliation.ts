import {
  COMMISSION_LEDGER,
  LEDGER_EVENT_TYPES,
  type LedgerLine,
  type Payee,
  ledgerLinesThrough,
  replayLedger,
  statementOf,
} from '@leadledger/commissions';
import { EventStore, readAllInBatches } from '@leadledger/event-store';
import { ReadModelDatabase } from '@leadledger/projections';

/**
 * The baseline, measured in the same run: reconciliation as it was before the control was
 * cached. The whole log replayed in memory, every line of the ledger read back, and each
 * payee's statement computed by scanning all lines, on both sides.
 */
export async function formerReconciliation(store: EventStore, readModels: ReadModelDatabase, period: string) {
  const through = readModels.checkpoint(COMMISSION_LEDGER)?.position ?? 0n;
  const control = await replayLedger(readAllInBatches(store, { filter: { eventTypes: LEDGER_EVENT_TYPES } }), through);
  const ledger = ledgerLinesThrough(readModels.db, period);
  const payees = new Map<string, Payee>();
  for (const line of [...ledger, ...control]) payees.set(`${line.payee.kind}|${line.payee.id}`, line.payee);
  const statements = (lines: LedgerLine[]) => [...payees.values()].map((p) => statementOf(p, period, lines).totals);
  return { ledger: statements(ledger), control: statements(control) };
}
