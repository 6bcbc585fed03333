import type { LeadChannel } from '@leadledger/leads';
import { type OwnershipInterval, addDays, isBefore, ownerAt } from '@leadledger/customers';
import type { SaleRecorded } from '@leadledger/sales';
import type { AttributionClass, CommissionPlan } from '../plan/commission-plan';

/** What the engine remembers of a customer, from customer and sale events. */
export interface CustomerFacts {
  readonly customerId: string;
  readonly firstLeadId: string;
  readonly firstLeadChannel: LeadChannel;
  /** Who received or sourced the first lead (接待), null for inbound with no receiver. */
  readonly finderRepId: string | null;
  readonly ownership: readonly OwnershipInterval[];
  /** closedAt of the customer's earliest sale recorded so far. */
  readonly firstSaleAt: string | null;
}

/** What the engine remembers of a lead: its channel and the referral partner named on it. */
export interface LeadFacts {
  readonly leadId: string;
  readonly channel: LeadChannel;
  readonly receivedBy: string | null;
  readonly referralPartnerId: string | null;
}

/** For each sale: who is credited and at which class, with the facts that decided it. */
export interface Attribution {
  readonly saleId: string;
  readonly customerId: string;
  readonly closedAt: string;
  readonly customerStatus: 'new' | 'existing';
  readonly firstSaleAt: string;
  readonly newCustomerWindowEndsAt: string;
  readonly source: 'rep-sourced' | 'company-provided';
  /** Channel of the customer's first lead (null when the customer is unknown to the engine). */
  readonly channel: LeadChannel | null;
  readonly ownerAtClose: string | null;
  readonly finderRepId: string | null;
  readonly closerRepId: string;
  /** The owner at closedAt; the closer when nobody owned the customer then. */
  readonly creditedRepId: string;
  readonly attributionClass: AttributionClass;
  readonly referralPartnerId: string | null;
  readonly planId: string;
  readonly planVersion: number;
  readonly explanation: readonly string[];
}

/**
 * Attributes a sale from facts alone. New: closedAt within the plan's window from the
 * customer's first sale (the first sale itself is new). Rep-sourced: the customer's first
 * lead was rep-sourced by the credited rep. The partner is the one named on the sale's
 * lead, else on the customer's first lead.
 */
export function attributeSale(
  sale: SaleRecorded['data'],
  customer: CustomerFacts | null,
  leadOf: (leadId: string) => LeadFacts | null,
  plan: CommissionPlan,
): Attribution {
  const firstSaleAt =
    customer?.firstSaleAt && !isBefore(sale.closedAt, customer.firstSaleAt) ? customer.firstSaleAt : sale.closedAt;
  const windowEnds = addDays(firstSaleAt, plan.newCustomerWindowDays);
  const isNew = !isBefore(windowEnds, sale.closedAt);
  const ownerAtClose = customer ? ownerAt(customer.ownership, sale.closedAt) : null;
  const creditedRepId = ownerAtClose ?? sale.closingRepId;
  const finderRepId = customer?.finderRepId ?? null;
  const repSourced = customer?.firstLeadChannel === 'rep-sourced' && finderRepId === creditedRepId;
  const attributionClass: AttributionClass = !isNew
    ? 'existing'
    : repSourced
      ? 'new-rep-sourced'
      : 'new-company-provided';
  const partnerLead = (sale.leadId ? leadOf(sale.leadId) : null) ?? (customer ? leadOf(customer.firstLeadId) : null);
  const explanation = [
    isNew
      ? `new: closed ${sale.closedAt}, within ${plan.newCustomerWindowDays} days of the first sale on ${firstSaleAt}`
      : `existing: closed ${sale.closedAt}, after the new-customer window ended ${windowEnds}`,
    repSourced
      ? `rep-sourced: the first lead was rep-sourced by ${creditedRepId}`
      : `company-provided: the first lead came by ${customer?.firstLeadChannel ?? 'an unknown channel'}${customer?.firstLeadChannel === 'rep-sourced' ? ` from ${finderRepId}, not the credited rep` : ''}`,
    ownerAtClose
      ? `credited to ${ownerAtClose}, the owner at closedAt`
      : `credited to the closer ${sale.closingRepId}: nobody owned the customer at closedAt`,
  ];
  return {
    saleId: sale.saleId,
    customerId: sale.customerId,
    closedAt: sale.closedAt,
    customerStatus: isNew ? 'new' : 'existing',
    firstSaleAt,
    newCustomerWindowEndsAt: windowEnds,
    source: repSourced ? 'rep-sourced' : 'company-provided',
    channel: customer?.firstLeadChannel ?? null,
    ownerAtClose,
    finderRepId,
    closerRepId: sale.closingRepId,
    creditedRepId,
    attributionClass,
    referralPartnerId: partnerLead?.referralPartnerId ?? null,
    planId: plan.planId,
    planVersion: plan.version,
    explanation,
  };
}
