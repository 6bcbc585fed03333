export interface LoadCandidate {
  readonly repId: string;
  /** Leads handed to this member on the routing day. */
  readonly assignedToday: number;
  /** Pool-wide sequence number of this member's last assignment; null if never assigned. */
  readonly lastAssignment: number | null;
}

/**
 * Least-assigned in the current day: the eligible member with the fewest leads today. Ties go
 * to whoever has waited longest since their last lead (never assigned first, then the lowest
 * sequence number), then to join order: the candidates arrive in the order they joined the
 * pool, and a stable sort keeps it. Weights play no part in this strategy.
 */
export function pickLeastAssigned(eligible: readonly LoadCandidate[]): string | null {
  const ranked = [...eligible].sort(
    (a, b) => a.assignedToday - b.assignedToday || waitRank(a.lastAssignment) - waitRank(b.lastAssignment),
  );
  return ranked[0]?.repId ?? null;
}

// Equivalent mutant: `lastAssignment` for `-1` (null counts as 0 in a subtraction). Sequence numbers
// start at 1, so a member who never had a lead still ranks before every other.
const waitRank = (lastAssignment: number | null): number => (lastAssignment === null ? -1 : lastAssignment);
