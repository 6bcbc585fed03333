import { MAX_AMOUNT_MINOR } from '@leadledger/kernel';
import { minimalPlanInput, problemsOf } from './plan-input.fixtures';
import { parseCommissionPlan } from './plan-validation';

const minimal = minimalPlanInput;

/** The problems of an input that must be refused. */

const fieldsOf = (input: unknown) => problemsOf(input).map((p) => p.field);

describe('parseCommissionPlan', () => {
  describe('when only the required fields are given', () => {
    it('fills every default and nulls every absent optional, in the order of CommissionPlan', () => {
      const result = parseCommissionPlan(minimal);
      expect(result).toEqual({
        ok: true,
        plan: {
          ...minimal,
          periodLength: 'month',
          timeZone: 'Asia/Shanghai',
          amountBase: 'revenue',
          flatPerSaleMinor: null,
          finderShareBps: 0,
          tiers: [],
          capPerSaleMinor: null,
          rounding: 'half-up',
          minimumPerSaleMinor: null,
          partnerFee: null,
        },
      });
      if (!result.ok) return;
      expect(Object.keys(result.plan)).toEqual([
        'planId',
        'version',
        'effectiveFrom',
        'currency',
        'periodLength',
        'timeZone',
        'basis',
        'ratesBps',
        'amountBase',
        'flatPerSaleMinor',
        'newCustomerWindowDays',
        'finderShareBps',
        'tiers',
        'capPerSaleMinor',
        'clawbackWindowDays',
        'rounding',
        'minimumPerSaleMinor',
        'partnerFee',
      ]);
    });

    it('gives the rates in class order whatever order they came in', () => {
      const ratesBps = { existing: 300, 'new-company-provided': 500, 'new-rep-sourced': 800 };
      const result = parseCommissionPlan({ ...minimal, ratesBps });
      expect(result.ok && Object.keys(result.plan.ratesBps)).toEqual([
        'new-rep-sourced',
        'new-company-provided',
        'existing',
      ]);
    });
  });

  describe('when every optional field is given', () => {
    it('keeps them as given', () => {
      const full = {
        ...minimal,
        periodLength: 'quarter',
        timeZone: 'Europe/London',
        amountBase: 'gross-margin',
        flatPerSaleMinor: 2_000,
        finderShareBps: 3_000,
        tiers: [
          { aboveMinor: 5_000_000, multiplierBps: 12_500 },
          { aboveMinor: 10_000_000, multiplierBps: 15_000 },
        ],
        capPerSaleMinor: 500_000,
        rounding: 'half-even',
        minimumPerSaleMinor: 1_000,
        partnerFee: { shareBps: 200, basis: 'collected-in-full', minimumMinor: 10_000 },
      };
      expect(parseCommissionPlan(full)).toEqual({ ok: true, plan: full });
    });

    it('accepts explicit nulls and a partner fee without a minimum', () => {
      const result = parseCommissionPlan({
        ...minimal,
        flatPerSaleMinor: null,
        capPerSaleMinor: null,
        partnerFee: { shareBps: 200, basis: 'booked' },
      });
      expect(result.ok && result.plan.partnerFee).toEqual({ shareBps: 200, basis: 'booked', minimumMinor: null });
      expect(result.ok && result.plan.flatPerSaleMinor).toBeNull();
    });

    it('accepts a cap equal to the minimum, and 100% shares', () => {
      const result = parseCommissionPlan({
        ...minimal,
        capPerSaleMinor: 1_000,
        minimumPerSaleMinor: 1_000,
        finderShareBps: 10_000,
        ratesBps: { 'new-rep-sourced': 10_000, 'new-company-provided': 0, existing: 0 },
      });
      expect(result.ok).toBe(true);
    });
  });

  describe('when the identity of the plan is wrong', () => {
    it.each([
      ['planId', ''],
      ['planId', 'Sales 2026'],
      ['version', 0],
      ['version', 1.5],
      ['version', '1'],
      ['effectiveFrom', '2026-10-01'],
      ['effectiveFrom', '2026-10-01T00:00:00'],
      ['effectiveFrom', '2026-02-30T00:00:00Z'],
      ['currency', 'XYZ'],
      ['currency', 'cny'],
      ['timeZone', 'Mars/Olympus'],
      ['timeZone', '+08:00'],
      ['timeZone', 'asia/shanghai'],
    ])('names %s for %j', (field, value) => {
      expect(fieldsOf({ ...minimal, [field]: value })).toEqual([field]);
    });

    it('names every required field that is missing', () => {
      expect(problemsOf({})).toEqual(
        [
          'planId',
          'version',
          'effectiveFrom',
          'currency',
          'basis',
          'ratesBps',
          'newCustomerWindowDays',
          'clawbackWindowDays',
        ].map((field) => ({ field, problem: 'required' })),
      );
    });

    it('refuses something that is not an object at all', () => {
      expect(fieldsOf('sales-2026')).toEqual(['']);
    });

    it('names a field it does not know rather than ignoring it', () => {
      expect(problemsOf({ ...minimal, capPerSale: 100 })).toEqual([{ field: 'capPerSale', problem: 'unknown field' }]);
    });
  });

  describe('when the rates do not name exactly the three classes', () => {
    it('names an unknown class and each missing one', () => {
      expect(problemsOf({ ...minimal, ratesBps: { vip: 100 } })).toEqual([
        {
          field: 'ratesBps.new-rep-sourced',
          problem: 'missing class; classes are new-rep-sourced, new-company-provided, existing',
        },
        {
          field: 'ratesBps.new-company-provided',
          problem: 'missing class; classes are new-rep-sourced, new-company-provided, existing',
        },
        {
          field: 'ratesBps.existing',
          problem: 'missing class; classes are new-rep-sourced, new-company-provided, existing',
        },
        {
          field: 'ratesBps.vip',
          problem: 'unknown class; classes are new-rep-sourced, new-company-provided, existing',
        },
      ]);
    });

    it.each([
      [-1, 'must not be negative'],
      [10_001, 'above 100%'],
      [2.5, 'must be a whole number of basis points'],
    ])('names the class whose rate is %j', (rate, problem) => {
      const ratesBps = { ...minimal.ratesBps, existing: rate };
      expect(problemsOf({ ...minimal, ratesBps })).toEqual([{ field: 'ratesBps.existing', problem }]);
    });
  });

  describe('when a share is out of range', () => {
    it('names the finder share above 100%', () => {
      expect(problemsOf({ ...minimal, finderShareBps: 12_000 })).toEqual([
        { field: 'finderShareBps', problem: 'above 100%' },
      ]);
    });

    it('names the partner fee fields', () => {
      const partnerFee = { shareBps: 10_001, basis: 'on-signing', minimumMinor: -1 };
      expect(fieldsOf({ ...minimal, partnerFee })).toEqual([
        'partnerFee.shareBps',
        'partnerFee.basis',
        'partnerFee.minimumMinor',
      ]);
    });
  });

  describe('when the tiers overlap or are out of range', () => {
    const tiers = (...thresholds: number[]) => thresholds.map((aboveMinor) => ({ aboveMinor, multiplierBps: 15_000 }));

    it('names the second of two equal thresholds', () => {
      expect(problemsOf({ ...minimal, tiers: tiers(0, 5_000_000, 5_000_000) })).toEqual([
        {
          field: 'tiers.2.aboveMinor',
          problem: 'overlapping tiers: 5000000 is not above the previous threshold 5000000',
        },
      ]);
    });

    it('names a threshold below the one before it', () => {
      expect(fieldsOf({ ...minimal, tiers: tiers(5_000_000, 1_000_000) })).toEqual(['tiers.1.aboveMinor']);
    });

    it('names a negative or unsafe threshold, and a multiplier above x10', () => {
      const bad = [
        { aboveMinor: -1, multiplierBps: 15_000 },
        { aboveMinor: 2 ** 53, multiplierBps: 100_001 },
      ];
      expect(fieldsOf({ ...minimal, tiers: bad })).toEqual([
        'tiers.0.aboveMinor',
        'tiers.1.aboveMinor',
        'tiers.1.multiplierBps',
      ]);
    });

    it('accepts a multiplier of exactly x10 and of 0', () => {
      const ok = [
        { aboveMinor: 0, multiplierBps: 0 },
        { aboveMinor: 1, multiplierBps: 100_000 },
      ];
      expect(parseCommissionPlan({ ...minimal, tiers: ok }).ok).toBe(true);
    });
  });

  describe('when amounts and days are out of range', () => {
    it.each([
      ['flatPerSaleMinor', -1],
      ['flatPerSaleMinor', 0.5],
      ['capPerSaleMinor', 2 ** 53],
      ['minimumPerSaleMinor', -100],
      ['newCustomerWindowDays', -1],
      ['clawbackWindowDays', 3651],
      ['clawbackWindowDays', 1.5],
    ])('names %s for %j', (field, value) => {
      expect(fieldsOf({ ...minimal, [field]: value })).toEqual([field]);
    });

    describe('at the largest amount the engine takes (MAX_AMOUNT_MINOR, 10^13)', () => {
      const partnerFee = (minimumMinor: number) => ({ shareBps: 500, basis: 'booked', minimumMinor });
      const tiers = (aboveMinor: number) => [{ aboveMinor, multiplierBps: 15_000 }];
      const fields = [
        ['flatPerSaleMinor', (v: number) => ({ flatPerSaleMinor: v })],
        ['minimumPerSaleMinor', (v: number) => ({ minimumPerSaleMinor: v })],
        ['capPerSaleMinor', (v: number) => ({ capPerSaleMinor: v })],
        ['tiers.0.aboveMinor', (v: number) => ({ tiers: tiers(v) })],
        ['partnerFee.minimumMinor', (v: number) => ({ partnerFee: partnerFee(v) })],
      ] as const;

      it.each(fields)('accepts %s of exactly 10^13', (_field, body) => {
        expect(parseCommissionPlan({ ...minimal, ...body(MAX_AMOUNT_MINOR) }).ok).toBe(true);
      });

      it.each(fields)('names %s one minor unit above, and says the maximum', (field, body) => {
        expect(problemsOf({ ...minimal, ...body(MAX_AMOUNT_MINOR + 1) })).toEqual([
          { field, problem: 'must be at most 10000000000000 minor units (MAX_AMOUNT_MINOR)' },
        ]);
      });
    });

    it('accepts 3650 days', () => {
      expect(parseCommissionPlan({ ...minimal, clawbackWindowDays: 3650 }).ok).toBe(true);
    });

    it('names the cap when it is below the minimum', () => {
      expect(problemsOf({ ...minimal, capPerSaleMinor: 999, minimumPerSaleMinor: 1_000 })).toEqual([
        { field: 'capPerSaleMinor', problem: 'the cap 999 is below the minimum 1000' },
      ]);
    });

    it('reports the cap below the minimum beside problems in other fields', () => {
      expect(fieldsOf({ ...minimal, version: 0, capPerSaleMinor: 5, minimumPerSaleMinor: 6 })).toEqual([
        'version',
        'capPerSaleMinor',
      ]);
    });
  });

  describe('when a choice is not on its list', () => {
    it.each(['basis', 'amountBase', 'rounding', 'periodLength'])('names %s', (field) => {
      const [problem] = problemsOf({ ...minimal, [field]: 'weekly' });
      expect(problem.field).toBe(field);
      expect(problem.problem).toMatch(/^must be one of /);
    });
  });
});
