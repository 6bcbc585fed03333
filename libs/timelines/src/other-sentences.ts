import type { RepEvent } from '@leadledger/leads';
import { formatMinor } from '@leadledger/kernel';
import type { PoolEvent } from '@leadledger/routing';
import type { SaleEvent } from '@leadledger/sales';
import type { RepNames } from './timeline-entry';

/** A sale event in a sentence finance can read; amounts in major units of the sale's currency. */
export function describeSaleEvent(event: SaleEvent, name: RepNames, currency: string | null): string {
  const money = (minor: number) =>
    currency ? `${formatMinor(minor, currency)} ${currency}` : `${minor} (minor units)`;
  switch (event.type) {
    case 'SaleRecorded':
      return (
        `${name(event.data.closingRepId)} closed sale ${event.data.externalId} for ` +
        `${formatMinor(event.data.amount, event.data.currency)} ${event.data.currency}`
      );
    case 'PaymentReceived':
      return (
        `Payment ${event.data.externalId} of ${money(event.data.amount)} was received; ` +
        `${money(event.data.collectedTotal)} collected so far`
      );
    case 'SaleRefunded':
      return `Refund ${event.data.externalId} of ${money(event.data.amount)}: ${event.data.reason}`;
    case 'SaleCancelled':
      return `The sale was cancelled: ${event.data.reason}`;
  }
}

export function describeRepEvent(event: RepEvent, name: RepNames): string {
  switch (event.type) {
    case 'RepRegistered':
      return `${event.data.name} joined team ${event.data.team}`;
    case 'RepDeparted':
      return (
        `${name(event.data.repId)} left the company; ` +
        (event.data.successorRepId
          ? `everything went to ${name(event.data.successorRepId)}`
          : 'everything went to the shared pool')
      );
    case 'RepHandOverRequested':
      return `Everything ${name(event.data.repId)} owns and holds is to go to ${name(event.data.toRepId)}: ${event.data.reason}`;
  }
}

/** The pool events a rep's timeline shows; the others (membership, policy) in one generic sentence. */
export function describePoolEvent(event: PoolEvent, name: RepNames): string {
  switch (event.type) {
    case 'PoolLeadAssigned':
      return (
        `Pool ${event.data.poolId} gave lead ${event.data.leadId} to ${name(event.data.repId)} ` +
        `(assignment ${event.data.sequence} of the pool)`
      );
    case 'PoolLeadQueued':
      return `Pool ${event.data.poolId} queued lead ${event.data.leadId}: no member could take it`;
    case 'PoolQueuedLeadClaimed':
      return `${name(event.data.repId)} claimed lead ${event.data.leadId} from pool ${event.data.poolId}’s queue`;
    case 'PoolQueuedLeadWithdrawn':
      return `Lead ${event.data.leadId} left pool ${event.data.poolId}’s queue: ${event.data.reason}`;
    default: {
      const repId = 'repId' in event.data ? (event.data as { repId?: string }).repId : undefined;
      return `Pool ${event.data.poolId}: ${event.type}${repId ? ` for ${name(repId)}` : ''}`;
    }
  }
}
