import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { PLAN_EXAMPLE, commissionPlanJsonSchema } from './plan-json-schema';
import { parseCommissionPlan } from './plan-validation';

type Schema = { properties?: Record<string, Schema>; items?: Schema; description?: string };

/** Every property's dotted path without a description. */
function undescribed(schema: Schema, path = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const field = path === '' ? name : `${path}.${name}`;
    const own = property.description ? [] : [field];
    return [...own, ...undescribed(property, field), ...(property.items ? undescribed(property.items, field) : [])];
  });
}

describe('the plan body schema generated from the zod schema', () => {
  const schema = commissionPlanJsonSchema();
  const validate = addFormats(new Ajv({ allErrors: true, strict: false })).compile(schema);

  it('describes every field, the tier shape and the partner fee included', () => {
    expect(undescribed(schema as Schema)).toEqual([]);
    expect(Object.keys((schema as Schema).properties ?? {})).toContain('partnerFee');
  });

  it('tells a plan author the units of the whole body: minor units for amounts, basis points for rates', () => {
    expect(schema.description).toBe(
      'A commission plan version. Amounts are integer minor units (fen, cents); rates and shares are integer basis points (600 = 6.00%).',
    );
  });

  it('accepts its own example, which the validator accepts too', () => {
    expect(validate(schema.example)).toBe(true);
    expect(parseCommissionPlan(PLAN_EXAMPLE).ok).toBe(true);
  });

  it('refuses what the validator refuses for shape: an unknown field, a fractional rate, an unknown class', () => {
    expect(validate({ ...PLAN_EXAMPLE, bonus: 1 })).toBe(false);
    expect(validate({ ...PLAN_EXAMPLE, finderShareBps: 12.5 })).toBe(false);
    expect(validate({ ...PLAN_EXAMPLE, ratesBps: { ...PLAN_EXAMPLE.ratesBps, vip: 100 } })).toBe(false);
    expect(validate({ ...PLAN_EXAMPLE, tiers: [{ aboveMinor: 1 }] })).toBe(false);
  });
});
