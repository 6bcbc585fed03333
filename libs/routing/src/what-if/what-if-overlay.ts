import type { PoolStrategy } from '../pool/pool.events';
import type { ActivePool, PoolMember } from '../pool/pool.state';

/** One hypothetical change to a pool, from the start of business day `from` (YYYY-MM-DD). */
export type RoutingChange =
  | { readonly kind: 'strategy'; readonly from: string; readonly strategy: PoolStrategy }
  /**
   * The rep's terms from that day: a member gets the fields given (absent ones stay as they
   * are); a rep who is not a member then joins, and needs a weight. A cap of null lifts it.
   */
  | {
      readonly kind: 'member';
      readonly from: string;
      readonly repId: string;
      readonly weight?: number;
      readonly dailyCap?: number | null;
      readonly monthlyCap?: number | null;
    }
  | { readonly kind: 'remove-member'; readonly from: string; readonly repId: string };

/** A member's terms as the what-if pins them: later real changes to the rep's weight or caps do not undo them. */
export interface PinnedTerms {
  readonly weight: number;
  readonly dailyCap: number | null;
  readonly monthlyCap: number | null;
}

/**
 * What the changes in effect so far hold fixed. Real additions, removals, pauses and resumes
 * in the window still happen (a rep who left cannot take leads); a real removal ends the rep's pin.
 */
export interface Overlay {
  readonly strategy: PoolStrategy | null;
  readonly pinned: ReadonlyMap<string, PinnedTerms>;
  /** Each rep the what-if removed, with the business day it removed them from. */
  readonly removed: ReadonlyMap<string, string>;
}

export const emptyOverlay: Overlay = { strategy: null, pinned: new Map(), removed: new Map() };

/** The overlay after one change takes effect on `pool`; a problem when a rep joins without a weight. */
export function withChange(overlay: Overlay, pool: ActivePool, change: RoutingChange): Overlay | string {
  switch (change.kind) {
    case 'strategy':
      return { ...overlay, strategy: change.strategy };
    case 'remove-member': {
      const pinned = new Map(overlay.pinned);
      pinned.delete(change.repId);
      return { ...overlay, pinned, removed: new Map(overlay.removed).set(change.repId, change.from) };
    }
    case 'member': {
      const current = pool.members.find((member) => member.repId === change.repId);
      const weight = change.weight ?? current?.weight;
      if (weight === undefined)
        return `${change.repId} is not a member of the pool on ${change.from}: give a weight to add them`;
      const terms: PinnedTerms = {
        weight,
        dailyCap: change.dailyCap !== undefined ? change.dailyCap : (current?.dailyCap ?? null),
        monthlyCap: change.monthlyCap !== undefined ? change.monthlyCap : (current?.monthlyCap ?? null),
      };
      const removed = new Map(overlay.removed);
      removed.delete(change.repId);
      return { ...overlay, pinned: new Map(overlay.pinned).set(change.repId, terms), removed };
    }
  }
}

/** A real removal ends the rep's pin: they left the pool in fact. */
export function unpin(overlay: Overlay, repId: string): Overlay {
  if (!overlay.pinned.has(repId)) return overlay;
  const pinned = new Map(overlay.pinned);
  pinned.delete(repId);
  return { ...overlay, pinned };
}

/** The pool with the overlay's terms laid over its members and strategy; members keep their join order. */
export function overlaid(pool: ActivePool, overlay: Overlay): ActivePool {
  const seen = new Set<string>();
  const members: PoolMember[] = [];
  for (const member of pool.members) {
    // A rep the what-if added may be added in fact later too: keep the first.
    if (overlay.removed.has(member.repId) || seen.has(member.repId)) continue;
    seen.add(member.repId);
    members.push({ ...member, ...overlay.pinned.get(member.repId) });
  }
  for (const [repId, terms] of overlay.pinned) {
    if (!seen.has(repId)) members.push({ repId, ...terms, pausedBecause: null });
  }
  const settings = overlay.strategy ? { ...pool.settings, strategy: overlay.strategy } : pool.settings;
  return { ...pool, settings, members };
}
