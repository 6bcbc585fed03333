import { BPS_SCALE, type MinorUnits } from '@leadledger/kernel';
import type { CommissionTier } from '../plan/commission-plan';

export interface TierSegment {
  readonly base: MinorUnits;
  readonly multiplierBps: number;
}

/**
 * Cuts `base`, credited after `before` already credited in the period, at the tier
 * thresholds: each part is paid at the multiplier of the tier it falls in (x1 below the
 * first threshold). Empty parts are left out (so a base of 0 or less has none); the parts sum to `base`.
 */
export function tierSegments(before: MinorUnits, base: MinorUnits, tiers: readonly CommissionTier[]): TierSegment[] {
  const bounds = [
    { from: 0, multiplierBps: BPS_SCALE },
    ...tiers.map((t) => ({ from: t.aboveMinor, multiplierBps: t.multiplierBps })),
  ];
  const segments: TierSegment[] = [];
  bounds.forEach((bound, i) => {
    const upper = bounds[i + 1]?.from ?? Number.POSITIVE_INFINITY;
    // Measured from `before`, never as (before + base) - before: past 2^53 credited in one
    // period that difference loses minor units, while these offsets stay within one amount.
    const part = Math.min(base, upper - before) - Math.max(0, bound.from - before);
    if (part > 0) segments.push({ base: part, multiplierBps: bound.multiplierBps });
  });
  return segments;
}
