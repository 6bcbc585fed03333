import { type MinorUnits, assertNever } from '@leadledger/kernel';
import type { SaleEvent, SaleRecorded } from './sale.events';

/** A payment as recorded, kept by its external id so a resent one is recognised. */
export interface RecordedPayment {
  readonly paymentId: string;
  readonly amount: MinorUnits;
  readonly receivedAt: string;
}

/** A refund as recorded, kept by its external id so a resent one is recognised. */
export interface RecordedRefund {
  readonly refundId: string;
  readonly amount: MinorUnits;
  readonly refundedAt: string;
  readonly reason: string;
}

interface Recorded {
  readonly sale: SaleRecorded['data'];
  /** Sum of every payment received. */
  readonly collectedTotal: MinorUnits;
  /** Sum of every refund. */
  readonly refundedTotal: MinorUnits;
  /** What the sale is worth now: amount - refundedTotal while open, 0 once cancelled. */
  readonly net: MinorUnits;
  /** By external id (plain objects, so the state folds to JSON and back). */
  readonly payments: Readonly<Record<string, RecordedPayment>>;
  readonly refunds: Readonly<Record<string, RecordedRefund>>;
}

export type SaleState =
  | { readonly status: 'absent' }
  | (Recorded & { readonly status: 'open' })
  | (Recorded & {
      readonly status: 'cancelled';
      readonly cancelledAt: string;
      readonly cancelReason: string;
      /** The net amount the cancellation voided. */
      readonly cancelledAmount: MinorUnits;
    });

export type RecordedSale = Exclude<SaleState, { status: 'absent' }>;
export type SaleStatus = SaleState['status'];

export const initialSaleState: SaleState = { status: 'absent' };

/** The entry recorded under `externalId`, if any; own keys only, so "constructor" is just another id. */
export function recordedUnder<T>(records: Readonly<Record<string, T>>, externalId: string): T | undefined {
  return Object.hasOwn(records, externalId) ? records[externalId] : undefined;
}

function evolveRecorded(s: RecordedSale, e: SaleEvent): SaleState {
  switch (e.type) {
    case 'SaleRecorded':
      return s;
    case 'PaymentReceived': {
      const { paymentId, externalId, amount, receivedAt, collectedTotal } = e.data;
      return { ...s, collectedTotal, payments: { ...s.payments, [externalId]: { paymentId, amount, receivedAt } } };
    }
    case 'SaleRefunded': {
      const { refundId, externalId, amount, refundedAt, reason, refundedTotal } = e.data;
      const refunds = { ...s.refunds, [externalId]: { refundId, amount, refundedAt, reason } };
      const net = s.status === 'open' ? s.sale.amount - refundedTotal : 0;
      return { ...s, refundedTotal, net, refunds };
    }
    case 'SaleCancelled':
      return {
        ...s,
        status: 'cancelled',
        net: 0,
        cancelledAt: e.data.cancelledAt,
        cancelReason: e.data.reason,
        cancelledAmount: e.data.amount,
      };
    default:
      return assertNever(e);
  }
}

/** Folds one sale event; used by the decider and by any read model that keeps the sale's state. */
export function evolveSale(state: SaleState, event: SaleEvent): SaleState {
  if (state.status !== 'absent') return evolveRecorded(state, event);
  if (event.type !== 'SaleRecorded') return state;
  const sale = event.data;
  return {
    status: 'open',
    sale,
    collectedTotal: 0,
    refundedTotal: 0,
    net: sale.amount,
    payments: {},
    refunds: {},
  };
}
