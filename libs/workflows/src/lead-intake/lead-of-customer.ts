import type { CustomerCommand, IdentityKey } from '@leadledger/customers';
import type { LeadReceivedData } from '@leadledger/leads';

/** A received lead and the customer its identity keys resolved to. */
export interface LeadOfCustomer {
  readonly leadId: string;
  readonly lead: LeadReceivedData;
  readonly customerId: string;
  /** The lead's business time. */
  readonly at: string;
}

/** Whoever registers first is the customer's first lead; the others only add their keys. */
export function customerRegistration({ leadId, lead, customerId, at }: LeadOfCustomer): CustomerCommand {
  return {
    kind: 'RegisterCustomer',
    customerId,
    keys: lead.identityKeys as readonly IdentityKey[],
    leadId,
    channel: lead.channel,
    finderRepId: lead.receivedBy,
    at,
    owner: null,
  };
}

/** The lead's keys for its customer: a key the customer has decides nothing. */
export function keyAdditions({ leadId, lead }: LeadOfCustomer): CustomerCommand[] {
  return (lead.identityKeys as readonly IdentityKey[]).map((key) => ({ kind: 'AddIdentityKey', key, leadId }));
}
