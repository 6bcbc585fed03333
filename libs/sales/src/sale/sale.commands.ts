import type { MinorUnits } from '@leadledger/kernel';
import type { PlanRef } from './sale.events';

/**
 * Everything the sale stream needs to decide, resolved by the handler beforehand: the
 * customer id (from the id or the identity keys), and the plan version in effect at closedAt.
 */
export interface RecordSale {
  readonly type: 'RecordSale';
  readonly saleId: string;
  readonly externalId: string;
  readonly customerId: string;
  readonly amount: MinorUnits;
  readonly cost: MinorUnits | null;
  readonly currency: string;
  readonly closedAt: string;
  readonly closingRepId: string;
  readonly leadId: string | null;
  /** The plan in effect at closedAt and its currency; null when none is (refused). */
  readonly plan: (PlanRef & { readonly currency: string }) | null;
  /** When the sale is being recorded: a sale cannot close in the future. */
  readonly at: string;
}

export interface RecordPayment {
  readonly type: 'RecordPayment';
  readonly saleId: string;
  readonly paymentId: string;
  readonly externalId: string;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly receivedAt: string;
  readonly at: string;
}

export interface RecordRefund {
  readonly type: 'RecordRefund';
  readonly saleId: string;
  readonly refundId: string;
  readonly externalId: string;
  readonly amount: MinorUnits;
  readonly currency: string;
  readonly refundedAt: string;
  readonly reason: string;
  readonly at: string;
}

export interface CancelSale {
  readonly type: 'CancelSale';
  readonly saleId: string;
  readonly cancelledAt: string;
  readonly reason: string;
  readonly at: string;
}

export type SaleCommand = RecordSale | RecordPayment | RecordRefund | CancelSale;
