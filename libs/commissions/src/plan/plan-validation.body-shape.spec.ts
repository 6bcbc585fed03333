import { parseCommissionPlan } from './plan-validation';

describe('a plan that is not a JSON object at all', () => {
  it.each([undefined, null, 'plan', 42, [], [{ version: 1 }]])('is refused with problems, not a crash: %p', (input) => {
    const parsed = parseCommissionPlan(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.length).toBeGreaterThan(0);
  });
});
