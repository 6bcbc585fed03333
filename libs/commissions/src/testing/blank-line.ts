import { blankProvenance } from '../engine/ledger-engine';
import type { LedgerLine, LineKind } from '../engine/ledger-line';
import type { Payee } from '../periods/commission-periods.events';

let next = 0;

/** A ledger line with only what totals and statements read (payee, kind, period, currency, amount); blank provenance. */
export function blankLine(payee: Payee, kind: LineKind, period: string, currency: string, amount: number): LedgerLine {
  next += 1;
  return {
    lineId: `e${next}:0`,
    payee,
    kind,
    rule: kind === 'accrual' || kind === 'clawback' ? 'rate' : kind,
    period,
    naturalPeriod: period,
    currency,
    amount,
    occurredAt: `${period}-15T10:00:00+08:00`,
    position: String(next),
    sourceEventIds: [`e${next}`],
    ...blankProvenance,
    adjustmentId: null,
    payoutRunId: null,
    arithmetic: '',
    note: null,
  };
}
