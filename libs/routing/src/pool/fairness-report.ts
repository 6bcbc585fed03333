import type { MemberSkipReason, PoolLeadAssigned, PoolLeadQueued } from './pool.events';

export const SKIP_REASONS: readonly MemberSkipReason[] = ['passed-over', 'paused', 'daily-cap', 'monthly-cap'];

/**
 * What one member was due and given over some days, as sums a projection can keep per day and
 * add up over any window. `due` is a sum of shares w / W, one per lead the pool gave, kept
 * exactly as Σ w per total W (`dueByTotalWeight`): a share is the member's weight over the
 * weights of every member the router saw (paused and capped ones included), or 1 / members
 * under least-assigned, whose rotation ignores weights.
 */
export interface MemberFairnessCounts {
  readonly repId: string;
  readonly given: number;
  readonly skips: Readonly<Record<MemberSkipReason, number>>;
  readonly dueByTotalWeight: ReadonlyMap<number, number>;
}

export interface MemberFairness {
  readonly repId: string;
  /** Leads its weight entitled it to, to two decimals. */
  readonly leadsDue: number;
  readonly leadsGiven: number;
  /** leadsDue − leadsGiven, to two decimals: positive when the member got fewer than its share. */
  readonly deficit: number;
  readonly skips: Readonly<Record<MemberSkipReason, number>>;
}

export interface FairnessReport {
  /** Leads the rotation gave in the window (first routes, re-routes and queue drains; claims are not rotation). */
  readonly leadsRouted: number;
  readonly members: readonly MemberFairness[];
  /** The member furthest below its share, or null when nobody got fewer than due. */
  readonly largestDeficit: { readonly repId: string; readonly deficit: number } | null;
}

export const noSkips = (): Record<MemberSkipReason, number> => ({
  'passed-over': 0,
  paused: 0,
  'daily-cap': 0,
  'monthly-cap': 0,
});

/** One rotation decision as counts per member: each candidate's share of a given lead, the lead, its skip. */
export function countDecision(
  event: PoolLeadAssigned | PoolLeadQueued,
): { repId: string; totalWeight: number; weight: number; given: number; skip: MemberSkipReason | null }[] {
  const { trace } = event.data;
  const shareOf = (weight: number) => (trace.strategy === 'least-assigned' ? 1 : weight);
  const totalWeight = trace.candidates.reduce((sum, c) => sum + shareOf(c.weight), 0);
  const assigned = event.type === 'PoolLeadAssigned';
  return trace.candidates.map((c) => ({
    repId: c.repId,
    totalWeight,
    weight: assigned ? shareOf(c.weight) : 0,
    given: assigned && event.data.repId === c.repId ? 1 : 0,
    skip: c.skippedBecause,
  }));
}

/**
 * An exact sum of fractions Σ n / d, as one fraction of bigints.
 *
 * Equivalent mutants (mutation testing): the projection keeps only weights above 0 (so n > 0 and
 * d ≥ n > 0), which makes the `d === 0 || n === 0` guard never true; adding 0 / d would not change
 * the sum anyway. Reducing by the gcd only keeps the bigints small: the value, and so every
 * figure rounded from it and every comparison of deficits, is the same unreduced, so mutants of
 * `num < 0n ? -num : num` (num is never negative), of `g > 1n` (g ≥ 1) and of `gcd` returning
 * undefined (then nothing is reduced) cannot change a report.
 */
function sumFractions(parts: Iterable<[denominator: number, numerator: number]>): [bigint, bigint] {
  let num = 0n;
  let den = 1n;
  for (const [d, n] of parts) {
    if (d === 0 || n === 0) continue;
    num = num * BigInt(d) + BigInt(n) * den;
    den *= BigInt(d);
    const g = gcd(num < 0n ? -num : num, den);
    if (g > 1n) [num, den] = [num / g, den / g];
  }
  return [num, den];
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** num / den to two decimals, half away from zero. */
function hundredths(num: bigint, den: bigint): number {
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const rounded = (abs * 200n + den) / (2n * den);
  return (negative ? -Number(rounded) : Number(rounded)) / 100;
}

/** The fairness answer from summed counts: exact until each figure is rounded once, at the end. */
export function fairnessReport(counts: readonly MemberFairnessCounts[]): FairnessReport {
  // Equivalent mutants: rep ids are unique, so `<=` for `<` and `>=` for `>` never meet a tie, and
  // Array.prototype.sort in V8 only asks whether the comparison is below 0, so `1` and `0` for
  // "after" sort the same.
  const members = [...counts]
    .sort((a, b) => (a.repId < b.repId ? -1 : a.repId > b.repId ? 1 : 0))
    .map((m) => {
      const [num, den] = sumFractions(m.dueByTotalWeight);
      const deficit = num - BigInt(m.given) * den;
      return {
        member: {
          repId: m.repId,
          leadsDue: hundredths(num, den),
          leadsGiven: m.given,
          deficit: hundredths(deficit, den),
          skips: { ...noSkips(), ...m.skips },
        },
        exactDeficit: [deficit, den] as const,
      };
    });
  let largest: (typeof members)[number] | null = null;
  for (const candidate of members) {
    const [n, d] = candidate.exactDeficit;
    if (n <= 0n) continue;
    // n/d > ln/ld  <=>  n*ld > ln*d (denominators are positive)
    if (largest === null || n * largest.exactDeficit[1] > largest.exactDeficit[0] * d) largest = candidate;
  }
  return {
    leadsRouted: counts.reduce((sum, m) => sum + m.given, 0),
    members: members.map((m) => m.member),
    largestDeficit: largest ? { repId: largest.member.repId, deficit: largest.member.deficit } : null,
  };
}
