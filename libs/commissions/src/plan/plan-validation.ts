import {
  BPS_SCALE,
  MAX_AMOUNT_MINOR,
  ROUNDING_RULES,
  ianaTimeZone,
  isBoundedAmount,
  isKnownCurrency,
} from '@leadledger/kernel';
import { z } from 'zod';
import {
  ATTRIBUTION_CLASSES,
  COMMISSION_AMOUNT_BASES,
  COMMISSION_BASES,
  type CommissionPlan,
  PERIOD_LENGTHS,
} from './commission-plan';

/** One thing wrong with a plan: the dotted path of the field ('tiers.1.aboveMinor') and what is wrong. */
export interface PlanProblem {
  readonly field: string;
  readonly problem: string;
}

export type PlanParseResult =
  { readonly ok: true; readonly plan: CommissionPlan } | { readonly ok: false; readonly problems: PlanProblem[] };

const MAX_DAYS = 3650;
/** A tier may multiply the rate by at most 10. */
const MAX_MULTIPLIER_BPS = 10 * BPS_SCALE;
const CLASS_LIST = ATTRIBUTION_CLASSES.join(', ');

/** A type error's message, unless the field is simply missing. */
const unlessMissing = (message: string) => ({
  error: (issue: { readonly input?: unknown }) => (issue.input === undefined ? 'required' : message),
});
const oneOf = <const T extends readonly string[]>(values: T) =>
  z.enum(values, unlessMissing(`must be one of ${values.join(', ')}`));
/** Every amount in a plan (flat, minimum, cap, tier thresholds, the partner's floor): 0 to MAX_AMOUNT_MINOR. */
const money = () =>
  z
    // A number that is not a whole one (or beyond the safe integers) is that problem alone.
    .int({ ...unlessMissing('must be a whole number of minor units'), abort: true })
    .min(0, 'must not be negative')
    .max(MAX_AMOUNT_MINOR, `must be at most ${MAX_AMOUNT_MINOR} minor units (MAX_AMOUNT_MINOR)`);
const optionalMoney = () => money().nullable().default(null);
const share = () =>
  z
    .int(unlessMissing('must be a whole number of basis points'))
    .min(0, 'must not be negative')
    .max(BPS_SCALE, 'above 100%');
const days = () =>
  z
    .int(unlessMissing('must be a whole number of days'))
    .min(0, 'must not be negative')
    .max(MAX_DAYS, `more than ${MAX_DAYS} days`);

const rate = z.int({
  error: (issue) =>
    issue.input === undefined ? `missing class; classes are ${CLASS_LIST}` : 'must be a whole number of basis points',
});
const ratesShape = Object.fromEntries(
  ATTRIBUTION_CLASSES.map((cls) => [cls, rate.min(0, 'must not be negative').max(BPS_SCALE, 'above 100%')]),
) as Record<(typeof ATTRIBUTION_CLASSES)[number], typeof rate>;

const tierSchema = z.strictObject({
  aboveMinor: money(),
  multiplierBps: z
    .int('must be a whole number of basis points')
    .min(0, 'must not be negative')
    .max(MAX_MULTIPLIER_BPS, `above x${MAX_MULTIPLIER_BPS / BPS_SCALE}`),
});

const partnerFeeSchema = z.strictObject({
  shareBps: share(),
  basis: oneOf(COMMISSION_BASES),
  minimumMinor: optionalMoney(),
});

/** The rules between fields (tiers in order, the cap not below the minimum), on the plan as it arrived. */
function crossFieldIssues(raw: unknown): { message: string; path: (string | number)[] }[] {
  const issues: { message: string; path: (string | number)[] }[] = [];
  // Runs even when the input is not an object at all (no body, a list, a string).
  const input = (raw !== null && typeof raw === 'object' ? raw : {}) as Partial<Record<string, unknown>>;
  const isMoney = (value: unknown): value is number => isBoundedAmount(value, 0);
  // Any stand-in for tiers that are not a list holds no threshold, so no overlap (equivalent mutant).
  const tiers = Array.isArray(input.tiers) ? (input.tiers as unknown[]) : [];
  tiers.forEach((tier, index) => {
    const above = (tier as { aboveMinor?: unknown } | null)?.aboveMinor;
    const before = (tiers[index - 1] as { aboveMinor?: unknown } | null | undefined)?.aboveMinor;
    // tiers[-1] is undefined, which is not money: `index > 0` as `true` or `index >= 0` is equivalent.
    if (index > 0 && isMoney(above) && isMoney(before) && above <= before) {
      const message = `overlapping tiers: ${above} is not above the previous threshold ${before}`;
      issues.push({ message, path: ['tiers', index, 'aboveMinor'] });
    }
  });
  const { capPerSaleMinor: cap, minimumPerSaleMinor: minimum } = input;
  if (isMoney(cap) && isMoney(minimum) && cap < minimum) {
    const message = `the cap ${cap} is below the minimum ${minimum}`;
    issues.push({ message, path: ['capPerSaleMinor'] });
  }
  return issues;
}

export const planSchema = z
  .strictObject({
    planId: z.string().regex(/^[a-z0-9._-]+$/, 'must be non-empty: lower-case letters, digits, ".", "_" and "-"'),
    version: z.int(unlessMissing('must be a whole number')).min(1, 'must be 1 or more'),
    effectiveFrom: z.iso.datetime({
      offset: true,
      ...unlessMissing('must be an ISO 8601 instant with a zone, such as 2026-01-01T00:00:00+08:00'),
    }),
    currency: z.string().refine(isKnownCurrency, 'unknown currency'),
    periodLength: oneOf(PERIOD_LENGTHS).default('month'),
    timeZone: z
      .string()
      .default('Asia/Shanghai')
      .superRefine((zone, ctx) => {
        // By IANA name, then Intl: the same answer on every Node (offsets such as +08:00 are not zones).
        // Here and below, an issue's code is read only to tell unrecognized_keys apart: 'custom' as "" is equivalent.
        const resolved = ianaTimeZone(zone);
        if (resolved === null) ctx.addIssue({ code: 'custom', message: 'not an IANA time zone such as Asia/Shanghai' });
        else if (resolved !== zone) ctx.addIssue({ code: 'custom', message: `spell the zone as ${resolved}` });
      }),
    basis: oneOf(COMMISSION_BASES),
    ratesBps: z.strictObject(ratesShape),
    amountBase: oneOf(COMMISSION_AMOUNT_BASES).default('revenue'),
    flatPerSaleMinor: optionalMoney(),
    newCustomerWindowDays: days(),
    finderShareBps: share().default(0),
    tiers: z.array(tierSchema).default([]),
    capPerSaleMinor: optionalMoney(),
    clawbackWindowDays: days(),
    rounding: oneOf(ROUNDING_RULES).default('half-up'),
    minimumPerSaleMinor: optionalMoney(),
    partnerFee: partnerFeeSchema.nullable().default(null),
  })
  // Cross-field rules run even when other fields are wrong, so every problem is reported at once
  // (parseCommissionPlan runs them itself when a field stopped zod before this refinement).
  .superRefine(
    (raw, ctx) => {
      for (const { message, path } of crossFieldIssues(raw)) ctx.addIssue({ code: 'custom', message, path });
    },
    { when: () => true },
  );

const fieldOf = (path: readonly PropertyKey[]): string => path.map(String).join('.');

function problemsOf(issues: readonly z.core.$ZodIssue[]): PlanProblem[] {
  return issues.flatMap((issue): PlanProblem[] => {
    if (issue.code !== 'unrecognized_keys') return [{ field: fieldOf(issue.path), problem: issue.message }];
    const inRates = fieldOf(issue.path) === 'ratesBps';
    const problem = inRates ? `unknown class; classes are ${CLASS_LIST}` : 'unknown field';
    return issue.keys.map((key) => ({ field: fieldOf([...issue.path, key]), problem }));
  });
}

/** Every field present, in the order of CommissionPlan, whatever order the input had. */
function planOf(parsed: z.output<typeof planSchema>): CommissionPlan {
  const { partnerFee } = parsed;
  return {
    planId: parsed.planId,
    version: parsed.version,
    effectiveFrom: parsed.effectiveFrom,
    currency: parsed.currency,
    periodLength: parsed.periodLength,
    timeZone: parsed.timeZone,
    basis: parsed.basis,
    ratesBps: Object.fromEntries(
      ATTRIBUTION_CLASSES.map((cls) => [cls, parsed.ratesBps[cls]]),
    ) as CommissionPlan['ratesBps'],
    amountBase: parsed.amountBase,
    flatPerSaleMinor: parsed.flatPerSaleMinor,
    newCustomerWindowDays: parsed.newCustomerWindowDays,
    finderShareBps: parsed.finderShareBps,
    tiers: parsed.tiers.map(({ aboveMinor, multiplierBps }) => ({ aboveMinor, multiplierBps })),
    capPerSaleMinor: parsed.capPerSaleMinor,
    clawbackWindowDays: parsed.clawbackWindowDays,
    rounding: parsed.rounding,
    minimumPerSaleMinor: parsed.minimumPerSaleMinor,
    partnerFee: partnerFee && {
      shareBps: partnerFee.shareBps,
      basis: partnerFee.basis,
      minimumMinor: partnerFee.minimumMinor,
    },
  };
}

/** Checks a plan as it arrives (JSON), fills in the defaults, and names every field that is wrong. */
export function parseCommissionPlan(input: unknown): PlanParseResult {
  const result = planSchema.safeParse(input, {
    error: (issue) => (issue.input === undefined ? 'required' : undefined),
  });
  if (!result.success) {
    const problems = problemsOf(result.error.issues);
    // A fraction where a whole number belongs stops zod before the refinement: add what it did not reach.
    for (const { message, path } of crossFieldIssues(input)) {
      const field = fieldOf(path);
      if (!problems.some((p) => p.field === field && p.problem === message)) problems.push({ field, problem: message });
    }
    return { ok: false, problems };
  }
  return { ok: true, plan: planOf(result.data) };
}
