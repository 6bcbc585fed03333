/** The entries every state of one pool's fold shares; a state sees only the first `size` of them. */
interface SharedLog {
  readonly leadIds: string[];
  readonly repIds: string[];
  /** leadId -> its positions in the log, ascending: a lead re-routed or claimed appears more than once. */
  readonly positions: Map<string, number[]>;
}

/** A RoutedLeads as a snapshot holds it: the i-th lead went to the i-th rep. */
export type RoutedLeadsJson = { readonly leadIds: string[]; readonly repIds: string[] };

/**
 * leadId -> repId of every lead a pool handed out, as a persistent map with O(1) `set`.
 *
 * Copying a Map on every assignment made folding a pool's stream quadratic. Here every state
 * of one fold shares an append-only log and sees only its first `size` entries, so an older
 * state never sees what a newer one added and nothing it can see ever changes. Appending from
 * the newest state is O(1). Appending from an older state (a decider previewing a drain, then
 * the real fold taking the same step) reuses the log when the entry is the very one already
 * there, and otherwise branches off a copy: rare, and no worse than the old Map copy.
 */
export class RoutedLeads {
  /** A fresh log per fold: a shared empty one would collect every pool's leads for the life of the process. */
  static empty(): RoutedLeads {
    return new RoutedLeads({ leadIds: [], repIds: [], positions: new Map() }, 0);
  }

  private constructor(
    private readonly log: SharedLog,
    readonly size: number,
  ) {}

  /** The rep the lead went to most recently, as this state knows it. */
  get(leadId: string): string | undefined {
    const positions = this.log.positions.get(leadId) ?? [];
    for (let i = positions.length - 1; i >= 0; i--) {
      if (positions[i] < this.size) return this.log.repIds[positions[i]];
    }
    return undefined;
  }

  set(leadId: string, repId: string): RoutedLeads {
    const { log, size } = this;
    if (size === log.leadIds.length) {
      log.leadIds.push(leadId);
      log.repIds.push(repId);
      const positions = log.positions.get(leadId);
      if (positions) positions.push(size);
      else log.positions.set(leadId, [size]);
      return new RoutedLeads(log, size + 1);
    }
    if (log.leadIds[size] === leadId && log.repIds[size] === repId) return new RoutedLeads(log, size + 1);
    return this.branch().set(leadId, repId);
  }

  /** Every entry this state sees, oldest first, as two lists of equal length: for a snapshot. */
  toJson(): RoutedLeadsJson {
    return { leadIds: this.log.leadIds.slice(0, this.size), repIds: this.log.repIds.slice(0, this.size) };
  }

  /** The state `toJson` wrote, on a fresh log of its own. */
  static fromJson(json: RoutedLeadsJson): RoutedLeads {
    if (json.leadIds.length !== json.repIds.length) throw new RangeError('leadIds and repIds differ in length');
    return RoutedLeads.ownLog([...json.leadIds], [...json.repIds]);
  }

  private static ownLog(leadIds: string[], repIds: string[]): RoutedLeads {
    const positions = new Map<string, number[]>();
    leadIds.forEach((leadId, position) => {
      const seen = positions.get(leadId);
      if (seen) seen.push(position);
      else positions.set(leadId, [position]);
    });
    return new RoutedLeads({ leadIds, repIds, positions }, leadIds.length);
  }

  /** A private copy of what this state sees, to append a different entry than the shared log holds. */
  private branch(): RoutedLeads {
    const { leadIds, repIds } = this.toJson();
    return RoutedLeads.ownLog(leadIds, repIds);
  }
}
