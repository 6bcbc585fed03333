import type { LeadChannel } from '@leadledger/leads';
import type { IdentityKey } from '../identity/identity-key';

/** Stream of one customer: `customer-<customerId>`. */
export const customerStreamId = (customerId: string): string => `customer-${customerId}`;

/** Channels are the leads area's vocabulary; a customer only records its first lead's. */
export type { LeadChannel } from '@leadledger/leads';

/** How a rep came to own the customer; the first four come with a lead, the rest from people. */
export type OwnershipVia =
  | 'existing-customer'
  | 'received-walk-in'
  | 'rep-sourced'
  | 'pool-rotation'
  | 'claim'
  | 'transfer'
  | 'departure-hand-off'
  | 'manager-routing';

/** What a qualifying follow-up (跟进) was; every kind extends protection. */
export const FOLLOW_UP_KINDS = ['call', 'visit', 'message', 'quote', 'meeting'] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
export type ReleaseReason = 'protection-expired' | 'owner-released' | 'departure';

/** Created from the first lead that brought keys no other customer holds. */
export interface CustomerRegistered {
  readonly type: 'CustomerRegistered';
  readonly data: {
    readonly customerId: string;
    readonly keys: readonly IdentityKey[];
    readonly firstLeadId: string;
    readonly firstLeadChannel: LeadChannel;
    /** Who received the first lead (接待), for finder credit; null for inbound with no receiver. */
    readonly finderRepId: string | null;
    readonly registeredAt: string;
  };
}

/** A later lead brought a key this customer did not have yet (reserved in its key stream first). */
export interface CustomerIdentityKeyAdded {
  readonly type: 'CustomerIdentityKeyAdded';
  readonly data: { readonly customerId: string; readonly key: IdentityKey; readonly leadId: string };
}

/**
 * The customer has a new owner from `since`. There is no OwnershipEnded event: a new
 * assignment or a release ends the previous interval at its own time (see ownership-history.ts).
 */
export interface OwnershipAssigned {
  readonly type: 'OwnershipAssigned';
  readonly data: {
    readonly customerId: string;
    readonly repId: string;
    readonly via: OwnershipVia;
    readonly reason: string;
    readonly leadId: string | null;
    /** Who decided: the manager for a transfer, the rep for a claim, null for routing. */
    readonly byActorId: string | null;
    readonly since: string;
    readonly protectedUntil: string;
    /** The protection policy this ownership runs under: follow-ups extend it by protectionDays. */
    readonly protectionDays: number;
    /** How many days before protectedUntil the 流失预警 is due. */
    readonly warningDays: number;
  };
}

/** 跟进 by the owner; protection now runs to `protectedUntil`. */
export interface FollowUpLogged {
  readonly type: 'FollowUpLogged';
  readonly data: {
    readonly customerId: string;
    readonly repId: string;
    readonly kind: FollowUpKind;
    readonly note: string;
    readonly at: string;
    readonly protectedUntil: string;
  };
}

/**
 * 流失预警: issued once per protection window, before the customer returns to the pool. A warning
 * that goes out well after it was due (the scheduler was not running then) gives the owner its
 * warning days from then: `protectedUntil` is the new end and `extendedFrom` the end it replaces.
 */
export interface ProtectionWarningIssued {
  readonly type: 'ProtectionWarningIssued';
  readonly data: {
    readonly customerId: string;
    readonly repId: string;
    readonly protectedUntil: string;
    readonly at: string;
    readonly extendedFrom?: string;
  };
}

/** The owner's interval ends and the customer goes to the shared pool (公海). */
export interface CustomerReleased {
  readonly type: 'CustomerReleased';
  readonly data: {
    readonly customerId: string;
    readonly repId: string;
    readonly reason: ReleaseReason;
    readonly at: string;
  };
}

export type CustomerEvent =
  | CustomerRegistered
  | CustomerIdentityKeyAdded
  | OwnershipAssigned
  | FollowUpLogged
  | ProtectionWarningIssued
  | CustomerReleased;

export const CUSTOMER_EVENT_TYPES: readonly CustomerEvent['type'][] = [
  'CustomerRegistered',
  'CustomerIdentityKeyAdded',
  'OwnershipAssigned',
  'FollowUpLogged',
  'ProtectionWarningIssued',
  'CustomerReleased',
];
