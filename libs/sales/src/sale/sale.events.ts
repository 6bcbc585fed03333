import type { MinorUnits } from '@leadledger/kernel';

/** Stream of one sale: `sale-<saleId>`; the sale id is derived from its external id. */
export const saleStreamId = (saleId: string): string => `sale-${saleId}`;

/** The commission plan version in effect at the sale's closedAt, named on the sale for provenance. */
export interface PlanRef {
  readonly planId: string;
  readonly version: number;
}

/** 成交: a booked order or contract. Amounts are minor units of `currency`. */
export interface SaleRecorded {
  readonly type: 'SaleRecorded';
  readonly data: {
    readonly saleId: string;
    readonly externalId: string;
    readonly customerId: string;
    readonly amount: MinorUnits;
    /** Cost of goods, for plans paying on gross margin; null when the source system has none. */
    readonly cost: MinorUnits | null;
    readonly currency: string;
    readonly closedAt: string;
    readonly closingRepId: string;
    /** The lead the contract was pushed down from; required when the policy says so. */
    readonly leadId: string | null;
    readonly plan: PlanRef;
  };
}

/** 回款: money received against the sale. `collectedTotal` is the sum of all payments so far. */
export interface PaymentReceived {
  readonly type: 'PaymentReceived';
  readonly data: {
    readonly saleId: string;
    readonly paymentId: string;
    readonly externalId: string;
    readonly amount: MinorUnits;
    readonly receivedAt: string;
    readonly collectedTotal: MinorUnits;
  };
}

/** Part of the sale given back (credit note or money returned); the sale's net amount falls by `amount`. */
export interface SaleRefunded {
  readonly type: 'SaleRefunded';
  readonly data: {
    readonly saleId: string;
    readonly refundId: string;
    readonly externalId: string;
    readonly amount: MinorUnits;
    readonly refundedAt: string;
    readonly reason: string;
    /** Sum of all refunds so far, this one included. */
    readonly refundedTotal: MinorUnits;
  };
}

/** The whole sale is void: its remaining net amount (`amount` here) is treated as refunded. */
export interface SaleCancelled {
  readonly type: 'SaleCancelled';
  readonly data: {
    readonly saleId: string;
    readonly amount: MinorUnits;
    readonly cancelledAt: string;
    readonly reason: string;
  };
}

export type SaleEvent = SaleRecorded | PaymentReceived | SaleRefunded | SaleCancelled;
export type SaleEventType = SaleEvent['type'];

export const SALE_EVENT_TYPES: readonly SaleEventType[] = [
  'SaleRecorded',
  'PaymentReceived',
  'SaleRefunded',
  'SaleCancelled',
];
