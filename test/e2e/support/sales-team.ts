import type { EngineHarness } from './engine-harness';

export interface PoolSetup {
  readonly poolId: string;
  readonly strategy?: 'smooth-weighted-round-robin' | 'least-assigned';
  readonly acceptanceSlaMinutes: number;
  readonly protectionDays: number;
  readonly protectionWarningDays: number;
  readonly members: readonly { readonly repId: string; readonly weight?: number; readonly dailyCap?: number }[];
}

/** Registers reps through the API as a manager does (all in team east) and returns a rep key for each. */
export async function registerReps(
  engine: EngineHarness,
  manager: string,
  repIds: readonly string[],
  /** When they joined, for a history loaded with dates before the engine's now. */
  joinedAt?: string,
): Promise<Record<string, string>> {
  const keys: Record<string, string> = {};
  for (const repId of repIds) {
    await engine
      .http()
      .post('/reps')
      .set('Authorization', manager)
      .send({ repId, name: repId, email: `${repId}@example.cn`, team: 'east', ...(joinedAt ? { joinedAt } : {}) })
      .expect(201);
    keys[repId] = `Bearer ${await engine.key('rep', repId)}`;
  }
  return keys;
}

/** Creates a pool through the API and adds its members (weight 1 unless given). */
export async function createPool(engine: EngineHarness, manager: string, pool: PoolSetup): Promise<void> {
  const { poolId, strategy = 'smooth-weighted-round-robin', members, ...terms } = pool;
  const post = (path: string, body: object) => engine.http().post(path).set('Authorization', manager).send(body);
  await post('/pools', { poolId, name: poolId, strategy, ...terms }).expect(201);
  for (const { repId, weight = 1, dailyCap } of members) {
    await post(`/pools/${poolId}/members`, { repId, weight, dailyCap }).expect(201);
  }
}

/**
 * The plain booked-basis plan of the e2e suites: 8% / 5% / 3% by attribution class, monthly on
 * Shanghai's calendar, from 1 October 2026 unless `effectiveFrom` is given.
 */
export const bookedPlan = (overrides: Record<string, unknown> = {}) => ({
  planId: 'sales-2026',
  version: 1,
  effectiveFrom: '2026-10-01T00:00:00+08:00',
  currency: 'CNY',
  periodLength: 'month',
  timeZone: 'Asia/Shanghai',
  basis: 'booked',
  ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
  newCustomerWindowDays: 90,
  clawbackWindowDays: 60,
  ...overrides,
});

/** The shared pool's claim rules (PUT /shared-pool/rules, all three fields; null lifts a limit). */
export async function publishClaimRules(
  engine: EngineHarness,
  manager: string,
  rules: { claimsPerDay: number | null; reclaimCoolDownDays: number; maxCustomersPerRep: number | null },
): Promise<void> {
  await engine.http().put('/shared-pool/rules').set('Authorization', manager).send(rules).expect(200);
}
