import type { StoredEvent } from '@leadledger/event-store';
import { formatMinor as formatAmount } from '@leadledger/kernel';
import type { SaleEvent } from '@leadledger/sales';
import { SALE_EVENT_TYPES } from '@leadledger/sales';
import type { CommissionPeriodsEvent } from '../periods/commission-periods.events';
import { periodOf, postingPeriod } from '../plan/commission-periods';
import type { CommissionBook, SaleBook } from './commission-book';
import { FACT_EVENT_TYPES, attributeRecordedSale, planNamedBy, recordFact } from './commission-facts';
import type { LedgerLine } from './ledger-line';
import { type Trigger, settleSale } from './sale-commission';

/** Every event type the ledger reads. */
export const LEDGER_EVENT_TYPES: readonly string[] = [
  ...FACT_EVENT_TYPES,
  ...SALE_EVENT_TYPES,
  'CommissionAdjusted',
  'CommissionPaidOut',
  'PeriodClosed',
];

/**
 * The ledger as a pure function of the log: feeds one event to the book and returns the
 * lines it posts (also handed to `book.addLines`). Time comes only from the events.
 */
export function applyToLedger(book: CommissionBook, event: StoredEvent): readonly LedgerLine[] {
  recordFact(book, event);
  const lines = linesFor(book, event);
  // Adding no lines changes nothing: the mutants of this guard are equivalent (it saves a call).
  if (lines.length > 0) book.addLines(lines);
  return lines;
}

function linesFor(book: CommissionBook, event: StoredEvent): readonly LedgerLine[] {
  const sale = { type: event.type, data: event.data } as unknown as SaleEvent;
  switch (sale.type) {
    case 'SaleRecorded': {
      if (book.sale(sale.data.saleId)) return [];
      const attribution = attributeRecordedSale(book, sale.data);
      const plan = planNamedBy(book, sale.data);
      // Both are null together (attribution needs the plan): `&&` for `||` is an equivalent mutant.
      if (!attribution || !plan) return [];
      const opened: SaleBook = {
        sale: sale.data,
        attribution,
        plan,
        collectedTotal: 0,
        refundedTotal: 0,
        cancelled: false,
        rate: { basis: plan.basis, cover: 0, groups: [] },
        partner:
          plan.partnerFee && attribution.referralPartnerId
            ? { basis: plan.partnerFee.basis, cover: 0, groups: [] }
            : null,
        capUsed: 0,
        flatGranted: false,
        minimumGranted: false,
        partnerMinimumGranted: false,
      };
      return settle(book, opened, event, sale.data.closedAt, {});
    }
    case 'PaymentReceived': {
      const open = book.sale(sale.data.saleId);
      if (!open) return [];
      const { collectedTotal, receivedAt, paymentId } = sale.data;
      return settle(book, { ...open, collectedTotal }, event, receivedAt, { paymentId });
    }
    case 'SaleRefunded': {
      const open = book.sale(sale.data.saleId);
      if (!open) return [];
      const { refundedTotal, refundedAt, refundId } = sale.data;
      return settle(book, { ...open, refundedTotal }, event, refundedAt, { refundId });
    }
    case 'SaleCancelled': {
      const open = book.sale(sale.data.saleId);
      if (!open) return [];
      return settle(book, { ...open, cancelled: true }, event, sale.data.cancelledAt, {});
    }
  }
  return periodLines(book, event);
}

function settle(
  book: CommissionBook,
  sale: SaleBook,
  event: StoredEvent,
  at: string,
  ids: { paymentId?: string; refundId?: string },
): readonly LedgerLine[] {
  const naturalPeriod = periodOf(at, sale.plan);
  const trigger: Trigger = {
    eventId: event.id,
    position: event.position.toString(),
    at,
    naturalPeriod,
    period: postingPeriod(naturalPeriod, book.closedThrough()),
    paymentId: ids.paymentId ?? null,
    refundId: ids.refundId ?? null,
  };
  const { currency } = sale.sale;
  const tiers = {
    get: (repId: string) => book.tierBase(repId, naturalPeriod, currency),
    set: (repId: string, base: number) => book.setTierBase(repId, naturalPeriod, currency, base, event.position),
  };
  const settled = settleSale(sale, trigger, tiers);
  book.putSale(settled.book);
  return settled.lines;
}

/** A line's provenance fields when no sale, plan or split produced it (adjustments, payouts). */
export const blankProvenance = {
  saleId: null,
  paymentId: null,
  refundId: null,
  planId: null,
  planVersion: null,
  attributionClass: null,
  role: null,
  rateBps: null,
  multiplierBps: null,
  base: null,
  groupId: null,
  undividedAmount: null,
  referencesLineId: null,
} as const;

/**
 * The provenance of the one line an adjustment or payout posts. Built only for those: every
 * customer and lead fact the ledger reads also passes through `periodLines` and posts nothing.
 */
function periodLineProvenance(event: StoredEvent) {
  return {
    ...blankProvenance,
    lineId: `${event.id}:0`,
    occurredAt: event.metadata.occurredAt,
    position: event.position.toString(),
    sourceEventIds: [event.id],
  };
}

/** Adjustments and payouts post as they were decided; a closed period moves the book's boundary. */
function periodLines(book: CommissionBook, event: StoredEvent): readonly LedgerLine[] {
  const entry = { type: event.type, data: event.data } as unknown as CommissionPeriodsEvent;
  switch (entry.type) {
    case 'CommissionAdjusted': {
      const { adjustmentId, payee, currency, amount, period, reason, reference } = entry.data;
      const posted = postingPeriod(period, book.closedThrough());
      return [
        {
          ...periodLineProvenance(event),
          payee,
          kind: 'adjustment',
          rule: 'adjustment',
          period: posted,
          naturalPeriod: period,
          currency,
          amount,
          adjustmentId,
          payoutRunId: null,
          // `amount <= 0` is equivalent: the periods decider refuses an adjustment of 0.
          arithmetic: `adjustment ${amount < 0 ? '' : '+'}${formatAmount(amount, currency)}: ${reason}`,
          note: reference ? `refers to ${reference}` : null,
        },
      ];
    }
    case 'CommissionPaidOut': {
      const { payoutRunId, period, payee, currency, amount } = entry.data;
      return [
        {
          ...periodLineProvenance(event),
          payee,
          kind: 'payout',
          rule: 'payout',
          period,
          naturalPeriod: period,
          currency,
          amount: -amount,
          adjustmentId: null,
          payoutRunId,
          arithmetic: `payout of the due balance through ${period} = -${formatAmount(amount, currency)}`,
          note: null,
        },
      ];
    }
    case 'PeriodClosed':
      book.setClosedThrough(entry.data.period);
      return [];
  }
  return [];
}
