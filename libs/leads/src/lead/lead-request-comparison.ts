import type { LeadReceivedData } from './lead.events';

/** What a retry must repeat exactly: the fields of the request that LeadReceived recorded as given. */
const COMPARED: readonly (readonly [string, (lead: LeadReceivedData) => unknown])[] = [
  ['channel', (lead) => lead.channel],
  ['contact.name', (lead) => lead.contact.name],
  ['contact.phone', (lead) => lead.contact.phone],
  ['contact.email', (lead) => lead.contact.email],
  ['contact.company', (lead) => lead.contact.company],
  ['receivedBy', (lead) => lead.receivedBy],
  ['referralPartnerId', (lead) => lead.referralPartnerId],
  ['poolId', (lead) => lead.poolId],
];

/**
 * The request fields in which a second push under the same external id or Idempotency-Key
 * differs from the lead first recorded, in a fixed order; empty for a true retry. Values are
 * compared as given (as payment APIs compare bodies), not normalised.
 */
export function differingLeadFields(recorded: LeadReceivedData, retried: LeadReceivedData): string[] {
  return COMPARED.filter(([, read]) => read(recorded) !== read(retried)).map(([field]) => field);
}
