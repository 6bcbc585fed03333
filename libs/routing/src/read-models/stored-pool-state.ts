import type { PoolMember, PoolSettings, PoolState, QueuedLead, RepTally } from '../pool/pool.state';
import { RoutedLeads } from '../pool/routed-leads';

/** A pool's state as the board stores it: everything but `routed`, which only the decider's idempotency needs. */
interface StoredPool {
  readonly settings: PoolSettings;
  readonly policyVersion: number;
  readonly members: readonly PoolMember[];
  readonly rotation: readonly (readonly [string, number])[];
  readonly tallies: readonly (readonly [string, RepTally])[];
  readonly queue: readonly QueuedLead[];
  readonly lastSequence: number;
}

// The keys of a record's entries and of a map are unique, so two entries never tie: "after" needs no third
// answer for "equal" (`a <= b` for `a < b` is an equivalent mutant for the same reason).
const byKey = <T>(entries: Iterable<readonly [string, T]>) => [...entries].sort(([a], [b]) => (a < b ? -1 : 1));

/** Deterministic JSON: maps and records become entry lists sorted by rep id, whatever order they were built in. */
export function encodePool(state: PoolState): string | null {
  if (state.status === 'absent') return null;
  const { settings, policyVersion, members, rotation, tallies, queue, lastSequence } = state;
  const stored: StoredPool = {
    settings,
    policyVersion,
    members,
    rotation: byKey(Object.entries(rotation)),
    tallies: byKey(tallies),
    queue,
    lastSequence,
  };
  return JSON.stringify(stored);
}

export function decodePool(json: string): PoolState {
  const stored = JSON.parse(json) as StoredPool;
  return {
    status: 'active',
    settings: stored.settings,
    policyVersion: stored.policyVersion,
    members: stored.members,
    rotation: Object.fromEntries(stored.rotation),
    tallies: new Map(stored.tallies),
    queue: stored.queue,
    routed: RoutedLeads.empty(),
    lastSequence: stored.lastSequence,
  };
}
