/** The shapes of the customer answers the console reads (docs/api.md, "Customers" and "Timelines"). */

export interface OwnershipInterval {
  readonly repId: string;
  readonly from: string;
  readonly to: string | null;
  readonly via: string;
  readonly reason: string | null;
  readonly eventId: string;
}

export interface CustomerView {
  readonly customerId: string;
  readonly firstLeadId: string;
  readonly firstLeadChannel: string | null;
  readonly finderRepId: string | null;
  readonly owner: { repId: string; since: string; via: string; protectedUntil: string | null } | null;
  readonly identityKeys: readonly { kind: string; value: string }[];
  readonly ownership: readonly OwnershipInterval[];
}

export interface CustomerState {
  readonly status: 'unregistered' | 'unowned' | 'owned';
  readonly ownerId: string | null;
  readonly protectedUntil: string | null;
  readonly warned: boolean;
}

export interface TimelineEntry<State> {
  readonly position: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly actorId: string;
  readonly actorRole: string;
  readonly reason: string | null;
  readonly sentence: string;
  readonly stateAfter: State;
}

export interface Timeline<State> {
  readonly asOf: string | null;
  readonly state: State;
  readonly entries: readonly TimelineEntry<State>[];
  readonly next: string | null;
}
