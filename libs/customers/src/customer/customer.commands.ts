import type { IdentityKey } from '../identity/identity-key';
import type { FollowUpKind, LeadChannel, OwnershipVia, ReleaseReason } from './customer.events';

/** The owner a lead brings with it, decided by routing before the customer exists. */
export interface FirstOwner {
  readonly repId: string;
  readonly via: Exclude<OwnershipVia, 'claim' | 'transfer' | 'departure-hand-off'>;
  readonly reason: string;
  /** The protection policy this ownership runs under: its length, and how long before its end to warn. */
  readonly protectionDays: number;
  readonly warningDays: number;
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
  /**
   * The lead was re-routed before anyone accepted it: if the current owner got the customer
   * through this same lead, the customer follows its lead and protection does not block.
   */
  readonly replacesLeadOwner?: boolean;
}

export interface ClaimCustomer {
  readonly kind: 'ClaimCustomer';
  readonly repId: string;
  readonly at: string;
  readonly protectionDays: number;
  readonly warningDays: number;
  /** Days a rep whose customer was released must wait before claiming it back; absent or 0: none. */
  readonly reclaimCoolDownDays?: number;
  /**
   * The lead claimed with the customer, and every rep who passed on it: an owner who got the
   * customer through that very lead and then passed on it does not keep it from the claimant.
   */
  readonly withLead?: { readonly leadId: string; readonly passedOver: readonly string[] };
  /**
   * The claim is undated: it happens now, after whatever the customer's stream holds. A rival
   * claim recorded a moment later than this one's clock read (another engine, a lost race) is
   * then met as the protection it gives, not as a change the claim would come before.
   */
  readonly now?: boolean;
}

/** 跟进 by the owner: extends protection by the owner's own protectionDays, never shortening it. */
export interface LogFollowUp {
  readonly kind: 'LogFollowUp';
  readonly repId: string;
  readonly followUpKind: FollowUpKind;
  readonly note: string;
  readonly at: string;
}

/** Warns the owner when `at` falls within the owner's warningDays before protection ends. */
export interface WarnProtectionEnding {
  readonly kind: 'WarnProtectionEnding';
  readonly at: string;
}

export interface ReleaseCustomer {
  readonly kind: 'ReleaseCustomer';
  readonly at: string;
  readonly reason: ReleaseReason;
  /** Release only from this rep: if someone else (or nobody) owns the customer, there is nothing to release. */
  readonly repId?: string;
}

export interface TransferCustomer {
  readonly kind: 'TransferCustomer';
  readonly toRepId: string;
  readonly byActorId: string;
  readonly reason: string;
  readonly at: string;
  readonly protectionDays: number;
  readonly warningDays: number;
  readonly via: 'transfer' | 'departure-hand-off';
  /** Move the customer only away from this rep: a stale or retried hand-off never takes a colleague's customer. */
  readonly fromRepId?: string;
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
