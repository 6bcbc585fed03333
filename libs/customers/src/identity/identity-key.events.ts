import type { IdentityKind } from './identity-key';

/**
 * Stream of one identity key (`identity-<kind>-<value>`, see identityKeyStreamId): the first
 * reservation wins, so concurrent leads for the same new phone number make one customer.
 */
export interface IdentityKeyReserved {
  readonly type: 'IdentityKeyReserved';
  readonly data: {
    readonly kind: IdentityKind;
    readonly value: string;
    readonly customerId: string;
    readonly reservedByLeadId: string;
  };
}

export type IdentityKeyEvent = IdentityKeyReserved;
