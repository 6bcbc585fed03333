import { minimalPlanInput, problemsOf } from './plan-input.fixtures';
import { parseCommissionPlan } from './plan-validation';

/*
 * What a plan author reads when a plan is refused: each problem's field (its dotted path) and,
 * here, the words. Every message below is written from the rule it states, not read back from
 * the code: the ranges are 0–10000 basis points for rates and shares, 0–3650 days, x10 at most
 * for a tier multiplier (100000 basis points of 1).
 */

const minimal = minimalPlanInput;

const CLASSES = 'new-rep-sourced, new-company-provided, existing';

describe('the problems a plan author reads', () => {
  describe('when a field of the plan itself is wrong', () => {
    it.each([
      ['planId', '', 'must be non-empty: lower-case letters, digits, ".", "_" and "-"'],
      ['planId', 'sales 2026', 'must be non-empty: lower-case letters, digits, ".", "_" and "-"'],
      ['version', 0, 'must be 1 or more'],
      ['version', 2.5, 'must be a whole number'],
      ['version', '2', 'must be a whole number'],
      ['effectiveFrom', '2026-10-01', 'must be an ISO 8601 instant with a zone, such as 2026-01-01T00:00:00+08:00'],
      ['currency', 'XYZ', 'unknown currency'],
      ['timeZone', 'Mars/Olympus', 'not an IANA time zone such as Asia/Shanghai'],
      ['timeZone', '+08:00', 'not an IANA time zone such as Asia/Shanghai'],
      ['timeZone', 'asia/shanghai', 'spell the zone as Asia/Shanghai'],
      ['basis', 'on-signing', 'must be one of booked, collected, collected-in-full'],
      ['periodLength', 'week', 'must be one of month, quarter'],
      ['amountBase', 'profit', 'must be one of revenue, gross-margin'],
      ['rounding', 'up', 'must be one of half-up, half-even, down'],
    ])('names %s for %j and says %s', (field, value, problem) => {
      expect(problemsOf({ ...minimal, [field]: value })).toEqual([{ field, problem }]);
    });
  });

  describe('when a share, a number of days or an amount is out of range', () => {
    it.each([
      ['finderShareBps', -1, 'must not be negative'],
      ['finderShareBps', 10_001, 'above 100%'],
      ['finderShareBps', 12.5, 'must be a whole number of basis points'],
      ['newCustomerWindowDays', -1, 'must not be negative'],
      ['newCustomerWindowDays', 3_651, 'more than 3650 days'],
      ['clawbackWindowDays', 7.5, 'must be a whole number of days'],
      ['flatPerSaleMinor', -1, 'must not be negative'],
      ['flatPerSaleMinor', 0.5, 'must be a whole number of minor units'],
      ['capPerSaleMinor', -100, 'must not be negative'],
    ])('names %s for %j and says %s', (field, value, problem) => {
      expect(problemsOf({ ...minimal, [field]: value })).toEqual([{ field, problem }]);
    });

    it('says a rate must not be negative, be above 100% or be a fraction, naming its class', () => {
      const ratesBps = { 'new-rep-sourced': -1, 'new-company-provided': 10_001, existing: '300' };
      expect(problemsOf({ ...minimal, ratesBps })).toEqual([
        { field: 'ratesBps.new-rep-sourced', problem: 'must not be negative' },
        { field: 'ratesBps.new-company-provided', problem: 'above 100%' },
        { field: 'ratesBps.existing', problem: 'must be a whole number of basis points' },
      ]);
    });

    it('names a class missing from the rates and lists the classes', () => {
      const ratesBps = { 'new-rep-sourced': 800, existing: 300 };
      expect(problemsOf({ ...minimal, ratesBps })).toEqual([
        { field: 'ratesBps.new-company-provided', problem: `missing class; classes are ${CLASSES}` },
      ]);
    });
  });

  describe('when a tier is wrong', () => {
    it('says its multiplier is negative, above x10 or a fraction, and names a field a tier does not have', () => {
      const tiers = [
        { aboveMinor: 0, multiplierBps: -1 },
        { aboveMinor: 100, multiplierBps: 100_001, bonus: 1 },
        { aboveMinor: 200, multiplierBps: 1.5 },
      ];
      expect(problemsOf({ ...minimal, tiers })).toEqual([
        { field: 'tiers.0.multiplierBps', problem: 'must not be negative' },
        { field: 'tiers.1.multiplierBps', problem: 'above x10' },
        { field: 'tiers.1.bonus', problem: 'unknown field' },
        { field: 'tiers.2.multiplierBps', problem: 'must be a whole number of basis points' },
      ]);
    });

    it('says a missing threshold is required', () => {
      expect(problemsOf({ ...minimal, tiers: [{ multiplierBps: 15_000 }] })).toEqual([
        { field: 'tiers.0.aboveMinor', problem: 'required' },
      ]);
    });

    it('still compares the thresholds around a tier that is not an object', () => {
      // The second tier is null; the third (300) is compared with nothing valid before it, the
      // fourth (300) with the third: not above it.
      const tiers = [
        { aboveMinor: 100, multiplierBps: 15_000 },
        null,
        { aboveMinor: 300, multiplierBps: 15_000 },
        { aboveMinor: 300, multiplierBps: 20_000 },
      ];
      const problems = problemsOf({ ...minimal, tiers });
      expect(problems.map((p) => p.field)).toEqual(['tiers.1', 'tiers.3.aboveMinor']);
      expect(problems[1].problem).toBe('overlapping tiers: 300 is not above the previous threshold 300');
    });

    it('compares only valid amounts: a negative threshold is its own problem, not an overlap, before or after', () => {
      // -1 after 100 is below it, and 40 after -1 is above it; only -1 is wrong, as an amount.
      const after = [
        { aboveMinor: 100, multiplierBps: 15_000 },
        { aboveMinor: -1, multiplierBps: 20_000 },
      ];
      expect(problemsOf({ ...minimal, tiers: after })).toEqual([
        { field: 'tiers.1.aboveMinor', problem: 'must not be negative' },
      ]);
      const before = [
        { aboveMinor: -1, multiplierBps: 15_000 },
        { aboveMinor: -5, multiplierBps: 20_000 },
        { aboveMinor: 40, multiplierBps: 20_000 },
      ];
      expect(problemsOf({ ...minimal, tiers: before })).toEqual([
        { field: 'tiers.0.aboveMinor', problem: 'must not be negative' },
        { field: 'tiers.1.aboveMinor', problem: 'must not be negative' },
      ]);
    });

    it('accepts thresholds one minor unit apart', () => {
      const tiers = [
        { aboveMinor: 100, multiplierBps: 15_000 },
        { aboveMinor: 101, multiplierBps: 20_000 },
      ];
      expect(parseCommissionPlan({ ...minimal, tiers }).ok).toBe(true);
    });
  });

  describe('when the cap and the minimum disagree', () => {
    it('says which cap is below which minimum, one minor unit apart', () => {
      expect(problemsOf({ ...minimal, capPerSaleMinor: 49_999, minimumPerSaleMinor: 50_000 })).toEqual([
        { field: 'capPerSaleMinor', problem: 'the cap 49999 is below the minimum 50000' },
      ]);
    });

    it('says so beside a fraction elsewhere in the plan, not only after it is mended', () => {
      expect(problemsOf({ ...minimal, version: 1.5, capPerSaleMinor: 5, minimumPerSaleMinor: 6 })).toEqual([
        { field: 'version', problem: 'must be a whole number' },
        { field: 'capPerSaleMinor', problem: 'the cap 5 is below the minimum 6' },
      ]);
      const tiers = [
        { aboveMinor: 300, multiplierBps: 15_000 },
        { aboveMinor: 300, multiplierBps: 20_000 },
      ];
      expect(problemsOf({ ...minimal, flatPerSaleMinor: 0.5, tiers })).toEqual([
        { field: 'flatPerSaleMinor', problem: 'must be a whole number of minor units' },
        { field: 'tiers.1.aboveMinor', problem: 'overlapping tiers: 300 is not above the previous threshold 300' },
      ]);
    });

    it('does not compare a cap with a minimum that is itself wrong', () => {
      expect(problemsOf({ ...minimal, capPerSaleMinor: 5, minimumPerSaleMinor: 6.5 })).toEqual([
        { field: 'minimumPerSaleMinor', problem: 'must be a whole number of minor units' },
      ]);
    });
  });

  describe('when the partner fee is wrong', () => {
    it('says a missing share or basis is required, and names a field the fee does not have', () => {
      expect(problemsOf({ ...minimal, partnerFee: { basis: 'booked', floor: 1 } })).toEqual([
        { field: 'partnerFee.shareBps', problem: 'required' },
        { field: 'partnerFee.floor', problem: 'unknown field' },
      ]);
      expect(problemsOf({ ...minimal, partnerFee: { shareBps: 500 } })).toEqual([
        { field: 'partnerFee.basis', problem: 'required' },
      ]);
    });

    it('says its floor must be a whole amount and its basis one of the three', () => {
      const partnerFee = { shareBps: 500, basis: 'monthly', minimumMinor: 0.5 };
      expect(problemsOf({ ...minimal, partnerFee })).toEqual([
        { field: 'partnerFee.basis', problem: 'must be one of booked, collected, collected-in-full' },
        { field: 'partnerFee.minimumMinor', problem: 'must be a whole number of minor units' },
      ]);
    });
  });

  describe('when a field is missing or the body is not a plan at all', () => {
    it('says required for each missing field, and reports cross-field problems beside them', () => {
      const problems = problemsOf({ capPerSaleMinor: 1, minimumPerSaleMinor: 2 });
      expect(problems).toContainEqual({ field: 'planId', problem: 'required' });
      expect(problems).toContainEqual({ field: 'clawbackWindowDays', problem: 'required' });
      expect(problems.at(-1)).toEqual({ field: 'capPerSaleMinor', problem: 'the cap 1 is below the minimum 2' });
    });

    it('does not call a field of the wrong type missing', () => {
      const [problem] = problemsOf({ ...minimal, planId: 2026 });
      expect(problem.field).toBe('planId');
      expect(problem.problem).not.toBe('required');
      expect(problem.problem).toMatch(/expected string/);
    });

    it.each([null, 'sales-2026', [minimal]])('answers one problem on the whole body (field "") for %j', (input) => {
      const problems = problemsOf(input);
      expect(problems).toHaveLength(1);
      expect(problems[0].field).toBe('');
    });
  });
});
