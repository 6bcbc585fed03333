import type { DisputeEvent, DisputeSubject } from '@leadledger/disputes';
import { formatMinor } from '@leadledger/kernel';
import type { RepNames } from './timeline-entry';

const SUBJECT_WORDS: Record<DisputeSubject['kind'], string> = {
  'customer-ownership': 'who owns customer',
  'lead-assignment': 'where lead',
  'ledger-line': 'ledger line',
};

const subjectOf = ({ kind, id }: DisputeSubject): string =>
  kind === 'lead-assignment' ? `${SUBJECT_WORDS[kind]} ${id} went` : `${SUBJECT_WORDS[kind]} ${id}`;

/** A dispute's events in sentences a manager (and HR) can read: the claim, each comment, the decision and its remedy. */
export function describeDisputeEvent(event: DisputeEvent, name: RepNames): string {
  switch (event.type) {
    case 'DisputeOpened':
      return `${name(event.data.claimantRepId)} disputed ${subjectOf(event.data.subject)}: ${event.data.claim}`;
    case 'DisputeCommented':
      return `A comment on dispute ${event.data.disputeId}: ${event.data.text}`;
    case 'DisputeResolved': {
      const { disputeId, outcome, reason, remedy } = event.data;
      const parts = [`Dispute ${disputeId} was ${outcome}: ${reason}`];
      if (remedy.transfer)
        parts.push(`the customer goes to ${name(remedy.transfer.toRepId)} as of ${remedy.transfer.effectiveAt}`);
      for (const { repId, amount, currency } of remedy.adjustments)
        parts.push(`${name(repId)}'s commission is adjusted by ${formatMinor(amount, currency)} ${currency}`);
      return parts.join('; ');
    }
  }
}
