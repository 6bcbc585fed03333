import type { ClaimCustomer } from './customer.commands';
import type { CustomerEvent, OwnershipAssigned } from './customer.events';

/** Shared histories for the customer specs: one customer, reps Wang and Li, times in March 2026. */
// Unless a spec says otherwise, ownership runs under 30 days of protection with a warning 3 days before its end.
export const CUSTOMER_ID = 'cust-1';
export const PHONE = { kind: 'phone', value: '+8613800138000' } as const;

export const registered: CustomerEvent = {
  type: 'CustomerRegistered',
  data: {
    customerId: CUSTOMER_ID,
    keys: [PHONE],
    firstLeadId: 'lead-1',
    firstLeadChannel: 'walk-in',
    finderRepId: 'rep-wang',
    registeredAt: '2026-03-01T09:00:00.000Z',
  },
};

export function ownedBy(
  repId: string,
  since: string,
  protectedUntil: string,
  overrides: Partial<OwnershipAssigned['data']> = {},
): OwnershipAssigned {
  const data = { customerId: CUSTOMER_ID, repId, via: 'received-walk-in', reason: 'received the walk-in' } as const;
  return {
    type: 'OwnershipAssigned',
    data: {
      ...data,
      leadId: 'lead-1',
      byActorId: null,
      since,
      protectedUntil,
      protectionDays: 30,
      warningDays: 3,
      ...overrides,
    },
  };
}

export const releasedFrom = (repId: string, at: string): CustomerEvent => ({
  type: 'CustomerReleased',
  data: { customerId: CUSTOMER_ID, repId, reason: 'protection-expired', at },
});

/** Wang owns the customer from 1 March, protected for 30 days, to 31 March. */
export const wangOwns: CustomerEvent[] = [
  registered,
  ownedBy('rep-wang', '2026-03-01T09:00:00.000Z', '2026-03-31T09:00:00.000Z'),
];

export const claimBy = (repId: string, at: string, reclaimCoolDownDays?: number): ClaimCustomer => ({
  kind: 'ClaimCustomer',
  repId,
  at,
  protectionDays: 30,
  warningDays: 3,
  ...(reclaimCoolDownDays === undefined ? {} : { reclaimCoolDownDays }),
});

/** The assignment a successful claim produces. */
export const claimed = (
  repId: string,
  since: string,
  protectedUntil: string,
  reason = 'claimed from the shared pool',
) => ownedBy(repId, since, protectedUntil, { via: 'claim', reason, leadId: null, byActorId: repId });
