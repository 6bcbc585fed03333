import {
  CUSTOMER_EVENT_TYPES,
  type CustomerEvent,
  type CustomerState,
  initialCustomerState,
} from '@leadledger/customers';
import type { StoredEvent } from '@leadledger/event-store';
import { LEAD_EVENT_TYPES, REP_EVENT_TYPES, type LeadEvent, type RepEvent } from '@leadledger/leads';
import { POOL_EVENT_TYPES, type PoolEvent } from '@leadledger/routing';
import { SALE_EVENT_TYPES, type SaleEvent } from '@leadledger/sales';
import { DISPUTE_EVENT_TYPES, type DisputeEvent } from '@leadledger/disputes';
import { describeCustomerEvent } from './customer-sentences';
import { describeDisputeEvent } from './dispute-sentences';
import { describeLeadEvent } from './lead-sentences';
import { describePoolEvent, describeRepEvent, describeSaleEvent } from './other-sentences';
import type { RepNames } from './timeline-entry';

const typesOf = (types: readonly string[]) => new Set<string>(types);
const CUSTOMER = typesOf(CUSTOMER_EVENT_TYPES);
const LEAD = typesOf(LEAD_EVENT_TYPES);
const SALE = typesOf(SALE_EVENT_TYPES);
const REP = typesOf(REP_EVENT_TYPES);
const POOL = typesOf(POOL_EVENT_TYPES);
const DISPUTE = typesOf(DISPUTE_EVENT_TYPES);

/** What a sentence may need besides the event: the customer just before it, a sale's currency. */
export interface SentenceContext {
  readonly customerBefore?: CustomerState;
  readonly saleCurrency?: (saleId: string) => string | null;
}

const domainEvent = <E>(event: StoredEvent) => ({ type: event.type, data: event.data }) as unknown as E;

/** Any stored event in one sentence; a type no area describes reads as its type and stream. */
export function describeEvent(event: StoredEvent, name: RepNames, context: SentenceContext = {}): string {
  if (CUSTOMER.has(event.type)) {
    return describeCustomerEvent(
      domainEvent<CustomerEvent>(event),
      context.customerBefore ?? initialCustomerState,
      name,
    );
  }
  if (LEAD.has(event.type)) return describeLeadEvent(domainEvent<LeadEvent>(event), name);
  if (SALE.has(event.type)) {
    const sale = domainEvent<SaleEvent>(event);
    return describeSaleEvent(sale, name, context.saleCurrency?.(sale.data.saleId) ?? null);
  }
  if (REP.has(event.type)) return describeRepEvent(domainEvent<RepEvent>(event), name);
  if (POOL.has(event.type)) return describePoolEvent(domainEvent<PoolEvent>(event), name);
  if (DISPUTE.has(event.type)) return describeDisputeEvent(domainEvent<DisputeEvent>(event), name);
  return `${event.type} on ${event.streamId}`;
}
