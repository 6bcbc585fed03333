import type { CustomerEvent } from '@leadledger/customers';
import { withOwnershipEvent } from '@leadledger/customers';
import type { StoredEvent } from '@leadledger/event-store';
import type { LeadReceivedData } from '@leadledger/leads';
import type { SaleRecorded } from '@leadledger/sales';
import type { CommissionPlan } from '../plan/commission-plan';
import type { CommissionPlanPublished } from '../plan/plan-book.events';
import { type Attribution, attributeSale } from './attribution';
import type { FactsBook } from './commission-book';

/** Event types that feed attribution facts. */
export const FACT_EVENT_TYPES = [
  'CustomerRegistered',
  'OwnershipAssigned',
  'CustomerReleased',
  'LeadReceived',
  'CommissionPlanPublished',
] as const;

/** The plan version a sale names; null when the book never saw it (not written by this engine). */
export function planNamedBy(book: FactsBook, sale: SaleRecorded['data']): CommissionPlan | null {
  return book.plans().find((p) => p.planId === sale.plan.planId && p.version === sale.plan.version) ?? null;
}

/** Records what attribution will need from a customer, lead or plan event; ignores the rest. */
export function recordFact(book: FactsBook, event: StoredEvent): void {
  switch (event.type) {
    case 'CustomerRegistered': {
      const data = event.data as unknown as Extract<CustomerEvent, { type: 'CustomerRegistered' }>['data'];
      book.putCustomer({
        customerId: data.customerId,
        firstLeadId: data.firstLeadId,
        firstLeadChannel: data.firstLeadChannel,
        finderRepId: data.finderRepId,
        // An entry that is not an interval covers no instant for `ownerAt`: its mutant is equivalent.
        ownership: [],
        firstSaleAt: null,
      });
      return;
    }
    case 'OwnershipAssigned':
    case 'CustomerReleased': {
      const customerEvent = { type: event.type, data: event.data } as unknown as CustomerEvent;
      const customer = book.customer((event.data as { customerId: string }).customerId);
      if (customer) book.putCustomer({ ...customer, ownership: withOwnershipEvent(customer.ownership, customerEvent) });
      return;
    }
    case 'LeadReceived': {
      const data = event.data as unknown as LeadReceivedData;
      book.putLead({
        leadId: data.leadId,
        channel: data.channel,
        receivedBy: data.receivedBy,
        referralPartnerId: data.referralPartnerId,
      });
      return;
    }
    case 'CommissionPlanPublished':
      book.addPlan((event.data as unknown as CommissionPlanPublished['data']).plan);
      return;
  }
}

/**
 * Attributes a newly recorded sale and remembers it as the customer's first sale when it
 * closed earliest. Null when the sale names a plan the book never saw (not written by this engine).
 */
export function attributeRecordedSale(book: FactsBook, sale: SaleRecorded['data']): Attribution | null {
  const plan = planNamedBy(book, sale);
  if (!plan) return null;
  const customer = book.customer(sale.customerId);
  const attribution = attributeSale(sale, customer, (leadId) => book.lead(leadId), plan);
  // Putting an unchanged customer back changes nothing, and facts put with no customer carry no customerId, so
  // no lookup by id finds them: `!==` as `true` and the whole condition as `true` are equivalent mutants.
  if (customer && customer.firstSaleAt !== attribution.firstSaleAt)
    book.putCustomer({ ...customer, firstSaleAt: attribution.firstSaleAt });
  return attribution;
}
