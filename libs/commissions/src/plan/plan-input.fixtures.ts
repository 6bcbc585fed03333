import { parseCommissionPlan } from './plan-validation';

/** Only the required fields of a plan, as a client would send them. */
export const minimalPlanInput = {
  planId: 'sales-2026',
  version: 1,
  effectiveFrom: '2026-10-01T00:00:00+08:00',
  currency: 'CNY',
  basis: 'booked',
  ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
  newCustomerWindowDays: 90,
  clawbackWindowDays: 60,
};

/** The problems of an input that must be refused (the spec fails if it parses). */
export function problemsOf(input: unknown) {
  const result = parseCommissionPlan(input);
  if (result.ok) throw new Error(`Expected problems, the plan parsed: ${JSON.stringify(result.plan)}`);
  return result.problems;
}
