import type { IdentityKey } from './identity-key';

/** Claim a key for a customer; the customer id is made by the caller before it knows who wins. */
export interface ReserveIdentityKey {
  readonly kind: 'ReserveIdentityKey';
  readonly key: IdentityKey;
  readonly customerId: string;
  readonly leadId: string;
}

export type IdentityKeyCommand = ReserveIdentityKey;
