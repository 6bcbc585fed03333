import { type Api, segment } from '../api';
import type { CustomerView } from './customer-types';
import type { LeadSummary } from './lead-types';

/** What tells one customer from another: the name and company its first lead gave, and its keys now. */
export interface CustomerIdentity {
  readonly name: string | null;
  readonly company: string | null;
  readonly phone: string | null;
  readonly email: string | null;
}

/**
 * The customer answer (GET /customers/:id) has the identity keys (normalised) but no name: the name,
 * and the company as typed, are its first lead's contact, as the shared pool's list gives them.
 */
export function customerIdentity(
  customer: CustomerView,
  firstLead: Pick<LeadSummary, 'contact'> | null,
): CustomerIdentity {
  const key = (kind: string) => customer.identityKeys.find((k) => k.kind === kind)?.value ?? null;
  return {
    name: firstLead?.contact.name ?? null,
    company: firstLead?.contact.company ?? key('company'),
    phone: key('phone'),
    email: key('email'),
  };
}

export const identityText = (identity: CustomerIdentity): string =>
  [identity.name, identity.company, identity.phone, identity.email].filter(Boolean).join(' · ');

/** The customer's first lead, or null when this key may not read it (the customer's keys still identify it). */
export function firstLeadOf(api: Api, customer: CustomerView): Promise<LeadSummary | null> {
  return api.get<LeadSummary>(`/leads/${segment(customer.firstLeadId)}`).catch(() => null);
}

/** A customer with what identifies it, read by id. */
export async function readCustomer(
  api: Api,
  customerId: string,
): Promise<{ customer: CustomerView; identity: CustomerIdentity }> {
  const customer = await api.get<CustomerView>(`/customers/${segment(customerId)}`);
  return { customer, identity: customerIdentity(customer, await firstLeadOf(api, customer)) };
}
