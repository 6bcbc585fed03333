import type { RoutingTrace } from '@leadledger/routing';
import type { LeadCommand } from './lead.commands';
import type { AssignmentTrace, LeadEvent, LeadReceivedData } from './lead.events';

/** Shared histories for the lead specs: one web-form lead for pool east, reps Wang and Li, November 2026. */
export const receive: Extract<LeadCommand, { kind: 'ReceiveLead' }> = {
  kind: 'ReceiveLead',
  leadId: 'lead-1',
  channel: 'web-form',
  contact: { name: '张伟', phone: '138 0013 8000', email: null, company: '华南贸易有限公司' },
  identityKeys: [{ kind: 'phone', value: '+8613800138000' }],
  externalId: 'crm-77',
  receivedBy: null,
  referralPartnerId: null,
  poolId: 'pool-east',
};
const { kind: _kind, ...data } = receive;
export const receivedData: LeadReceivedData = data;
export const received: LeadEvent = { type: 'LeadReceived', data: receivedData };
export const matched: LeadEvent = {
  type: 'LeadMatchedToCustomer',
  data: { leadId: 'lead-1', customerId: 'cust-1', isNewCustomer: true },
};
export const routing: RoutingTrace = {
  strategy: 'smooth-weighted-round-robin',
  policyVersion: 3,
  candidates: [],
  rotationBefore: {},
  rotationAfter: {},
  chosen: 'rep-wang',
};
export const poolTrace: AssignmentTrace = { rule: 'pool-rotation', pool: routing, note: 'rotation' };
export const assignedToWang: LeadEvent = {
  type: 'LeadAssigned',
  data: { leadId: 'lead-1', repId: 'rep-wang', acceptBy: '2026-11-02T10:30:00.000Z', trace: poolTrace },
};
export const accepted: LeadEvent = { type: 'LeadAccepted', data: { leadId: 'lead-1', repId: 'rep-wang' } };
export const qualified: LeadEvent = {
  type: 'LeadQualified',
  data: { leadId: 'lead-1', repId: 'rep-wang', note: 'budget confirmed' },
};
export const queued: LeadEvent = {
  type: 'LeadQueued',
  data: { leadId: 'lead-1', poolId: 'pool-east', reason: 'every member paused or at cap' },
};
export const flagged: LeadEvent = {
  type: 'LeadFlaggedForReview',
  data: { leadId: 'lead-1', reason: 'keys match different customers', customerIds: ['cust-1', 'cust-9'] },
};
export const declinedByWang: LeadEvent = {
  type: 'LeadDeclined',
  data: { leadId: 'lead-1', repId: 'rep-wang', reason: 'on leave tomorrow' },
};
export const disqualified: LeadEvent = {
  type: 'LeadDisqualified',
  data: { leadId: 'lead-1', repId: 'rep-wang', reason: 'no-budget', note: 'next year' },
};

/** A claim as the decider writes it: assigned with the claim rule and no deadline, and accepted at once. */
export function claimedBy(repId: string, note = `${repId} claimed it`): LeadEvent[] {
  return [
    {
      type: 'LeadAssigned',
      data: { leadId: 'lead-1', repId, acceptBy: null, trace: { rule: 'claim', pool: null, note } },
    },
    { type: 'LeadAccepted', data: { leadId: 'lead-1', repId } },
  ];
}
