import type { IdentityKey } from '../identity/identity-key';
import type { FollowUpKind, LeadChannel, OwnershipVia, ReleaseReason } from './customer.events';

/** The owner a lead brings with it, decided by routing before the customer exists. */
export interface FirstOwner {
  readonly repId: string;
  readonly via: Exclude<OwnershipVia, 'claim' | 'transfer' | 'departure-hand-off'>;
  readonly reason: string;
  readonly protectionDays: number;
}

/** Registers the customer and, in the same append, its first owner if routing named one. */
export interface RegisterCustomer {
  readonly kind: 'RegisterCustomer';
  readonly customerId: string;
  readonly keys: readonly IdentityKey[];
  readonly leadId: string;
  readonly channel: LeadChannel;
  readonly finderRepId: string | null;
  readonly at: string;
  readonly owner: FirstOwner | null;
}

export interface AddIdentityKey {
  readonly kind: 'AddIdentityKey';
  readonly key: IdentityKey;
  readonly leadId: string;
}

/** Routing gives an unowned (or unprotected) customer to a rep because a lead arrived. */
export interface AssignOwnership extends FirstOwner {
  readonly kind: 'AssignOwnership';
  readonly leadId: string | null;
  readonly at: string;
}

export interface ClaimCustomer {
  readonly kind: 'ClaimCustomer';
  readonly repId: string;
  readonly at: string;
  readonly protectionDays: number;
  /** Days a rep whose customer was released must wait before claiming it back; absent or 0: none. */
  readonly reclaimCoolDownDays?: number;
}

export interface LogFollowUp {
  readonly kind: 'LogFollowUp';
  readonly repId: string;
  readonly followUpKind: FollowUpKind;
  readonly note: string;
  readonly at: string;
  readonly protectionDays: number;
}

export interface WarnProtectionEnding {
  readonly kind: 'WarnProtectionEnding';
  readonly at: string;
  readonly warningDays: number;
}

export interface ReleaseCustomer {
  readonly kind: 'ReleaseCustomer';
  readonly at: string;
  readonly reason: ReleaseReason;
}

export interface TransferCustomer {
  readonly kind: 'TransferCustomer';
  readonly toRepId: string;
  readonly byActorId: string;
  readonly reason: string;
  readonly at: string;
  readonly protectionDays: number;
  readonly via: 'transfer' | 'departure-hand-off';
}

export type CustomerCommand =
  | RegisterCustomer
  | AddIdentityKey
  | AssignOwnership
  | ClaimCustomer
  | LogFollowUp
  | WarnProtectionEnding
  | ReleaseCustomer
  | TransferCustomer;
