import type { CancelSale, RecordPayment, RecordRefund, RecordSale } from './sale.commands';
import type { SaleEvent } from './sale.events';

/**
 * Shared commands and events for the sale specs. Sale S-1: 12,000.00 CNY (1,200,000 fen),
 * closed 2 November 2026 at 10:00 UTC under plan-std v3.
 */
export const CLOSED_AT = '2026-11-02T10:00:00.000Z';
export const LATER = '2026-11-30T00:00:00.000Z';

export const recordSale: RecordSale = {
  type: 'RecordSale',
  saleId: 'sale-1',
  externalId: 'S-1',
  customerId: 'cust-1',
  amount: 1_200_000,
  cost: 700_000,
  currency: 'CNY',
  closedAt: CLOSED_AT,
  closingRepId: 'rep-wang',
  leadId: 'lead-1',
  plan: { planId: 'plan-std', version: 3, currency: 'CNY' },
  at: '2026-11-02T12:00:00.000Z',
};
export const recorded: SaleEvent = {
  type: 'SaleRecorded',
  data: {
    saleId: 'sale-1',
    externalId: 'S-1',
    customerId: 'cust-1',
    amount: 1_200_000,
    cost: 700_000,
    currency: 'CNY',
    closedAt: CLOSED_AT,
    closingRepId: 'rep-wang',
    leadId: 'lead-1',
    plan: { planId: 'plan-std', version: 3 },
  },
};

export const pay = (externalId: string, amount: number, more: Partial<RecordPayment> = {}): RecordPayment => ({
  type: 'RecordPayment',
  saleId: 'sale-1',
  paymentId: `pay-${externalId}`,
  externalId,
  amount,
  currency: 'CNY',
  receivedAt: '2026-11-05T09:00:00.000Z',
  at: LATER,
  ...more,
});
export const paid = (externalId: string, amount: number, collectedTotal: number): SaleEvent => ({
  type: 'PaymentReceived',
  data: {
    saleId: 'sale-1',
    paymentId: `pay-${externalId}`,
    externalId,
    amount,
    receivedAt: '2026-11-05T09:00:00.000Z',
    collectedTotal,
  },
});
export const refund = (externalId: string, amount: number, more: Partial<RecordRefund> = {}): RecordRefund => ({
  type: 'RecordRefund',
  saleId: 'sale-1',
  refundId: `ref-${externalId}`,
  externalId,
  amount,
  currency: 'CNY',
  refundedAt: '2026-11-10T09:00:00.000Z',
  reason: 'one unit returned',
  at: LATER,
  ...more,
});
export const refunded = (externalId: string, amount: number, refundedTotal: number): SaleEvent => ({
  type: 'SaleRefunded',
  data: {
    saleId: 'sale-1',
    refundId: `ref-${externalId}`,
    externalId,
    amount,
    refundedAt: '2026-11-10T09:00:00.000Z',
    reason: 'one unit returned',
    refundedTotal,
  },
});
export const cancel = (more: Partial<CancelSale> = {}): CancelSale => ({
  type: 'CancelSale',
  saleId: 'sale-1',
  cancelledAt: '2026-11-20T09:00:00.000Z',
  reason: 'contract voided',
  at: LATER,
  ...more,
});
export const cancelled = (amount: number): SaleEvent => ({
  type: 'SaleCancelled',
  data: { saleId: 'sale-1', amount, cancelledAt: '2026-11-20T09:00:00.000Z', reason: 'contract voided' },
});
