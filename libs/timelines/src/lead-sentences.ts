import type { LeadChannel, LeadEvent } from '@leadledger/leads';
import { explainAssignment, explainQueue } from '@leadledger/leads';
import { assertNever } from '@leadledger/kernel';
import type { RepNames } from './timeline-entry';

const RECEIVED: Record<LeadChannel, string> = {
  'walk-in': 'the walk-in',
  phone: 'the phone call',
  'web-form': 'the web-form lead',
  exhibition: 'the exhibition card',
  referral: 'the referral',
  'rep-sourced': 'a lead they sourced themselves',
};

const ARRIVED: Record<LeadChannel, string> = {
  'walk-in': 'A walk-in arrived',
  phone: 'A phone call came in',
  'web-form': 'A web-form lead arrived',
  exhibition: 'An exhibition card arrived',
  referral: 'A referral arrived',
  'rep-sourced': 'A rep-sourced lead arrived',
};

/** One lead event in a sentence a manager can read. */
export function describeLeadEvent(event: LeadEvent, name: RepNames): string {
  switch (event.type) {
    case 'LeadReceived': {
      const { channel, receivedBy, poolId } = event.data;
      if (receivedBy) return `${name(receivedBy)} received ${RECEIVED[channel]}`;
      return `${ARRIVED[channel]}${poolId ? ` for pool ${poolId}` : ''}`;
    }
    case 'LeadMatchedToCustomer':
      return event.data.isNewCustomer
        ? 'The lead brought a new customer'
        : 'The lead matched a customer already known by phone, e-mail or company';
    case 'LeadFlaggedForReview':
      return `The lead was held for a manager’s review: ${event.data.reason}`;
    case 'LeadReviewResolved':
      return `A manager resolved the review: the lead belongs to customer ${event.data.customerId} (${event.data.reason})`;
    case 'LeadAssigned':
      return (
        `The lead went to ${name(event.data.repId)}: ${explainAssignment(event.data)}` +
        (event.data.acceptBy ? `; to accept by ${event.data.acceptBy}` : '')
      );
    case 'LeadQueued': {
      const { poolId, reason, pool } = event.data;
      return `The lead waits in pool ${poolId}’s queue: ${reason}${pool ? ` (${explainQueue(pool)})` : ''}`;
    }
    case 'LeadAccepted':
      return `${name(event.data.repId)} accepted the lead`;
    case 'LeadDeclined':
      return `${name(event.data.repId)} declined the lead: ${event.data.reason}`;
    case 'LeadAcceptanceExpired':
      return `${name(event.data.repId)} did not accept the lead by ${event.data.acceptBy}`;
    case 'LeadQualified':
      return `${name(event.data.repId)} qualified the lead`;
    case 'LeadDisqualified':
      return (
        `The lead was disqualified (${event.data.reason})` + (event.data.repId ? ` by ${name(event.data.repId)}` : '')
      );
    case 'LeadReleased':
      return `The lead went back to the shared pool from ${name(event.data.repId)}: ${event.data.reason}`;
    case 'LeadConverted':
      return `Sale ${event.data.saleId} was recorded from the lead`;
    default:
      return assertNever(event);
  }
}
