import { z } from 'zod';
import { planSchema } from './plan-validation';

/** What each field of a plan version means, with its unit; the plan's JSON Schema carries these. */
export const PLAN_FIELD_DOCS: Readonly<Record<string, string>> = {
  planId: 'The plan: lower-case letters, digits, ".", "_" and "-". Every version of a plan shares it.',
  version: 'The version number: 1 for the first, then each new version the next whole number.',
  effectiveFrom:
    'ISO 8601 instant with a zone (2026-01-01T00:00:00+08:00) from which the version applies to sales closed at or after it; later than every earlier version.',
  currency: 'ISO 4217 code; every sale paid under the plan is in this currency.',
  periodLength:
    'The period calendar of statements and payout runs: month (2026-11) or quarter (2026-Q4). Default month.',
  timeZone: 'IANA zone in which periods begin and end. Default Asia/Shanghai.',
  basis:
    'When the rate accrues: booked (in full when the sale is recorded), collected (pro rata as payments arrive), collected-in-full (once the net amount is fully paid).',
  ratesBps:
    'The rate per attribution class, in basis points of the base (600 = 6.00%; 0–10000). Every class is required.',
  'ratesBps.new-rep-sourced': 'Rate for a new customer the credited rep found themselves, in basis points.',
  'ratesBps.new-company-provided':
    'Rate for a new customer the company provided (walk-in, pool, marketing), in basis points.',
  'ratesBps.existing': "Rate for a sale outside the new-customer window of the customer's first sale, in basis points.",
  amountBase:
    'What the rate applies to: revenue (the amount) or gross-margin (amount − cost, where the sale carries a cost). Default revenue.',
  flatPerSaleMinor: 'A flat amount per credited sale to the credited rep, in minor units (fen, cents); null for none.',
  newCustomerWindowDays: "A sale within this many days of the customer's first sale is new (0–3650).",
  finderShareBps:
    "The finder's share of the commission when finder and owner differ, in basis points (3000 = 30.00%); rounded down, the owner keeps the rest. Default 0.",
  tiers:
    "Accelerators, ascending by threshold: for the part of the credited rep's base in a period above aboveMinor, the rate is multiplied by multiplierBps / 10000. Default none.",
  'tiers.aboveMinor':
    "The threshold of the rep's credited base in the period, in minor units; each above the previous.",
  'tiers.multiplierBps': 'The multiplier in basis points of 1 (15000 = x1.5; 0–100000).',
  capPerSaleMinor:
    'The most the rep commission on one sale may reach, in minor units; null for no cap. Not below the minimum.',
  clawbackWindowDays: 'A refund or cancellation this many days or fewer after closedAt claws commission back (0–3650).',
  rounding: 'How each product is rounded to a minor unit: half-up (default), half-even or down.',
  minimumPerSaleMinor: 'The least a fully credited sale pays the rep, in minor units (topped up); null for none.',
  partnerFee: 'The referral partner (渠道/中介) fee, paid to the partner named on the lead; null for none.',
  'partnerFee.shareBps': "The partner's share of the sale's net amount, in basis points.",
  'partnerFee.basis': 'When the fee accrues: booked, collected or collected-in-full.',
  'partnerFee.minimumMinor': 'The floor of the fee per sale, in minor units; null for none.',
};

/** A valid plan version, as the OpenAPI document shows it. */
export const PLAN_EXAMPLE = {
  planId: 'sales-2026',
  version: 1,
  effectiveFrom: '2026-01-01T00:00:00+08:00',
  currency: 'CNY',
  periodLength: 'month',
  timeZone: 'Asia/Shanghai',
  basis: 'collected',
  ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
  amountBase: 'revenue',
  flatPerSaleMinor: null,
  newCustomerWindowDays: 90,
  finderShareBps: 3000,
  tiers: [
    { aboveMinor: 1_000_000, multiplierBps: 15_000 },
    { aboveMinor: 2_000_000, multiplierBps: 20_000 },
  ],
  capPerSaleMinor: 500_000,
  clawbackWindowDays: 90,
  rounding: 'half-up',
  minimumPerSaleMinor: null,
  partnerFee: { shareBps: 5000, basis: 'collected-in-full', minimumMinor: 100_000 },
} as const;

type JsonSchema = { [key: string]: unknown };

/** Adds each property's description by its dotted path (array items share their array's path). */
function describe(schema: JsonSchema, path: string): void {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    const field = path === '' ? name : `${path}.${name}`;
    const description = PLAN_FIELD_DOCS[field];
    // Every field has a description (plan-json-schema.spec.ts checks it): the check as `true` is equivalent.
    if (description !== undefined) property.description = description;
    describe(property, field);
    const items = property.items as JsonSchema | undefined;
    if (items) describe(items, field);
  }
}

/**
 * The plan body's OpenAPI (3.0) schema, generated from the zod schema that validates it, so
 * the two cannot drift; the cross-field rules (ascending tiers, cap not below the minimum)
 * are in the descriptions.
 */
export function commissionPlanJsonSchema(): JsonSchema {
  const schema = z.toJSONSchema(planSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'openapi-3.0',
  }) as JsonSchema;
  delete schema.$schema;
  describe(schema, '');
  schema.description =
    'A commission plan version. Amounts are integer minor units (fen, cents); rates and shares are integer basis points (600 = 6.00%).';
  schema.example = PLAN_EXAMPLE;
  return schema;
}
