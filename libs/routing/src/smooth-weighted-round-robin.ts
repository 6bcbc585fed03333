/** Rotation state of a smooth weighted round robin: each member's running credit, in whole numbers. */
export type Rotation = Readonly<Record<string, number>>;

export interface WeightedMember {
  readonly repId: string;
  readonly weight: number;
}

export interface RotationPick {
  readonly chosen: string;
  readonly rotation: Rotation;
}

/**
 * One pick of a smooth weighted round robin (the nginx scheme) over the ELIGIBLE members,
 * given in the order they joined the pool.
 *
 * Each eligible member's weight is added to its credit; one member is chosen and the total
 * eligible weight is taken from its credit, so credits always sum back and every whole cycle
 * (picks = total weight) hands each member exactly its weight.
 *
 * Which member is chosen differs from nginx on purpose. nginx takes the highest credit, which
 * for weights {2,1,1} yields A B C A | A B C A: the heavy member gets two leads in a row at
 * every cycle boundary, the very thing the issue forbids. We take the highest credit PLUS
 * weight (the credit it would have after one more round), which yields A B A C | A B A C.
 * The per-cycle exactness and the "below two leads from the share" bound still hold; the
 * property spec checks both.
 *
 * Ties go to the heavier member, then to the member that joined the pool earliest. Join order
 * is a stable, reproducible order owned by the pool, not the rep's seniority in the company.
 *
 * Ineligible members (paused, at a cap) keep their credit untouched: they neither bank credit
 * while away (no burst of leads on return) nor carry a debt. The pool resets all credits to
 * zero on every configuration change anyway (see pool.state.ts), so this only matters for
 * members that hit a cap and come back the next day.
 */
export function pickSmoothWeighted(eligible: readonly WeightedMember[], rotation: Rotation): RotationPick | null {
  if (eligible.length === 0) return null;
  const total = eligible.reduce((sum, member) => sum + member.weight, 0);
  const credits = eligible.map((member) => (rotation[member.repId] ?? 0) + member.weight);
  let best = 0;
  for (let i = 1; i < eligible.length; i++) {
    const score = credits[i] + eligible[i].weight;
    const bestScore = credits[best] + eligible[best].weight;
    if (score > bestScore || (score === bestScore && eligible[i].weight > eligible[best].weight)) best = i;
  }
  credits[best] -= total;
  const next: Record<string, number> = { ...rotation };
  eligible.forEach((member, i) => (next[member.repId] = credits[i]));
  return { chosen: eligible[best].repId, rotation: next };
}
