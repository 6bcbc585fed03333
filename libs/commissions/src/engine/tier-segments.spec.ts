import { tierSegments } from './tier-segments';

// Thresholds as a plan gives them: above 5,000.00 pays x1.5, above 20,000.00 pays x2.
const tiers = [
  { aboveMinor: 500_000, multiplierBps: 15_000 },
  { aboveMinor: 2_000_000, multiplierBps: 20_000 },
];

describe('cutting a credited base at the tier thresholds', () => {
  it('pays a base that stays below the first threshold at x1 only', () => {
    // 0 already credited, 1,000.00 more: all of it below 5,000.00.
    expect(tierSegments(0, 100_000, tiers)).toEqual([{ base: 100_000, multiplierBps: 10_000 }]);
  });

  it('leaves out the empty part when a base ends exactly at a threshold', () => {
    // 0 + 5,000.00 ends at the threshold: nothing is above it.
    expect(tierSegments(0, 500_000, tiers)).toEqual([{ base: 500_000, multiplierBps: 10_000 }]);
  });

  it('splits a base that crosses a threshold into the part below and the part above', () => {
    // 4,000.00 already credited, 3,000.00 more: 1,000.00 at x1, 2,000.00 at x1.5.
    expect(tierSegments(400_000, 300_000, tiers)).toEqual([
      { base: 100_000, multiplierBps: 10_000 },
      { base: 200_000, multiplierBps: 15_000 },
    ]);
  });

  it('cuts at every threshold a base crosses', () => {
    // 0 + 30,000.00: 5,000.00 at x1, 15,000.00 at x1.5, 10,000.00 at x2.
    expect(tierSegments(0, 3_000_000, tiers)).toEqual([
      { base: 500_000, multiplierBps: 10_000 },
      { base: 1_500_000, multiplierBps: 15_000 },
      { base: 1_000_000, multiplierBps: 20_000 },
    ]);
  });

  it('pays a base above the last threshold at its multiplier alone', () => {
    expect(tierSegments(2_500_000, 10_000, tiers)).toEqual([{ base: 10_000, multiplierBps: 20_000 }]);
  });

  it('has no part for a base of 0', () => {
    expect(tierSegments(400_000, 0, tiers)).toEqual([]);
  });

  it('stays exact when the base already credited is past 2^53', () => {
    const before = 2 ** 53 + 2; // after about 900 sales at the maximum, as a float sum would hold it
    expect(tierSegments(before, 9_999_999_999_999, tiers)).toEqual([
      { base: 9_999_999_999_999, multiplierBps: 20_000 },
    ]);
  });
});
