import { PLAN_BOOK_STREAM, planBookDecider, planInEffect } from '@leadledger/commissions';
import { customerDecider, customerStreamId } from '@leadledger/customers';
import {
  type CommandContext,
  type EventStore,
  type StoredEvent,
  handleCommand,
  loadState,
} from '@leadledger/event-store';
import { type Refusal, isRefusal, refuse } from '@leadledger/kernel';
import { leadCustomerId, leadDecider, leadStreamId } from '@leadledger/leads';
import { type RecordSale, saleDecider, saleStreamId } from '@leadledger/sales';
import { refuseUnregisteredRep } from '../reps/registered-rep';

/** A sale as the edge hands it over: the customer already resolved to an id, the plan not yet looked up. */
export type SaleToRecord = Omit<RecordSale, 'type' | 'plan'>;

export interface SalePolicy {
  /** Contracts only pushed down from a lead: every sale must name its originating lead. */
  readonly saleRequiresLead: boolean;
}

/**
 * Records a sale after checking what spans other streams (the closing rep is registered, the
 * customer exists, the lead is the customer's, the plan in effect at closedAt), then marks its
 * lead converted. The conversion is repeated by the sale-conversion reactor, so a crash
 * between the two steps is completed from the log.
 */
export async function recordSale(
  store: EventStore,
  sale: SaleToRecord,
  policy: SalePolicy,
  context: CommandContext,
): Promise<readonly StoredEvent[] | Refusal> {
  const unregistered = await refuseUnregisteredRep(store, sale.closingRepId);
  if (unregistered) return unregistered;
  const customer = await loadState(store, customerStreamId(sale.customerId), customerDecider);
  if (customer.state.status === 'unregistered')
    return refuse('CustomerUnknown', 'No such customer', { customerId: sale.customerId });
  if (sale.leadId === null && policy.saleRequiresLead)
    return refuse('LeadRequired', 'The sale policy requires the lead the contract was pushed down from');
  if (sale.leadId !== null) {
    const lead = await loadState(store, leadStreamId(sale.leadId), leadDecider);
    if (lead.state.status === 'absent') return refuse('LeadNotFound', 'No such lead', { leadId: sale.leadId });
    if (lead.state.status === 'disqualified')
      return refuse('LeadDisqualified', 'A disqualified lead cannot bring a sale', { leadId: sale.leadId });
    const leadCustomer = leadCustomerId(lead.state);
    if (leadCustomer !== sale.customerId)
      return refuse('LeadOfAnotherCustomer', "The lead is not this customer's", {
        leadId: sale.leadId,
        leadCustomerId: leadCustomer,
      });
  }
  const plans = await loadState(store, PLAN_BOOK_STREAM, planBookDecider);
  const plan = planInEffect(plans.state.plans, sale.closedAt);
  const command: RecordSale = {
    type: 'RecordSale',
    ...sale,
    plan: plan ? { planId: plan.planId, version: plan.version, currency: plan.currency } : null,
  };
  const result = await handleCommand(store, saleStreamId(sale.saleId), saleDecider, command, context);
  if (isRefusal(result)) return result;
  await convertLeadOfSale(store, { saleId: sale.saleId, customerId: sale.customerId, leadId: sale.leadId }, context);
  return result.events;
}

/** Marks the sale's lead converted; converting again for the same sale writes nothing. */
export async function convertLeadOfSale(
  store: EventStore,
  sale: { readonly saleId: string; readonly customerId: string; readonly leadId: string | null },
  context: CommandContext,
): Promise<void> {
  if (sale.leadId === null) return;
  const command = {
    kind: 'ConvertLead',
    saleId: sale.saleId,
    customerId: sale.customerId,
  } as const;
  const result = await handleCommand(store, leadStreamId(sale.leadId), leadDecider, command, context);
  if (isRefusal(result))
    throw new Error(`Lead ${sale.leadId} refused conversion by sale ${sale.saleId}: ${result.code}`);
}
