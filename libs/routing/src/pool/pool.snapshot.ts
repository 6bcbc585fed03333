import type { SnapshotJson, StateSnapshotCodec } from '@leadledger/kernel';
import type { ActivePool, PoolMember, PoolSettings, PoolState, QueuedLead, RepTally } from './pool.state';
import { RoutedLeads, type RoutedLeadsJson } from './routed-leads';

/** An active pool as a snapshot holds it: the tallies as [repId, tally] pairs, the routed leads as two lists. */
type ActivePoolJson = {
  readonly status: 'active';
  readonly settings: PoolSettings;
  readonly policyVersion: number;
  readonly members: readonly PoolMember[];
  readonly rotation: Readonly<Record<string, number>>;
  readonly tallies: readonly (readonly [string, RepTally])[];
  readonly queue: readonly QueuedLead[];
  readonly routed: RoutedLeadsJson;
  readonly lastSequence: number;
};

type PoolStateJson = { readonly status: 'absent' } | ActivePoolJson;

function activeToJson(pool: ActivePool): ActivePoolJson {
  return {
    status: 'active',
    settings: pool.settings,
    policyVersion: pool.policyVersion,
    members: pool.members,
    rotation: pool.rotation,
    tallies: [...pool.tallies],
    queue: pool.queue,
    routed: pool.routed.toJson(),
    lastSequence: pool.lastSequence,
  };
}

function activeFromJson(json: ActivePoolJson): ActivePool {
  return {
    status: 'active',
    settings: json.settings,
    policyVersion: json.policyVersion,
    members: json.members,
    rotation: json.rotation,
    tallies: new Map(json.tallies),
    queue: json.queue,
    routed: RoutedLeads.fromJson(json.routed),
    lastSequence: json.lastSequence,
  };
}

/**
 * How a pool's state is snapshotted: a pool's stream grows with every lead it routes. Bump the
 * version whenever PoolState or evolvePool changes, and older snapshots are folded past.
 */
export const poolSnapshot: StateSnapshotCodec<PoolState> = {
  version: 'pool-state/1',
  toJson(state) {
    const json: PoolStateJson = state.status === 'absent' ? { status: 'absent' } : activeToJson(state);
    return json as unknown as SnapshotJson;
  },
  fromJson(json) {
    const state = json as unknown as PoolStateJson;
    return state.status === 'absent' ? { status: 'absent' } : activeFromJson(state);
  },
};
