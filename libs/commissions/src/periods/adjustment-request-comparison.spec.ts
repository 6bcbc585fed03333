import { differingAdjustmentFields } from './adjustment-request-comparison';
import type { AdjustCommission } from './commission-periods.decider';
import type { CommissionAdjusted } from './commission-periods.events';

/** Recorded: 50.00 CNY to rep-b, posted to November (the open period when it was first sent without one). */
const recorded: CommissionAdjusted['data'] = {
  adjustmentId: 'adj-1',
  payee: { kind: 'rep', id: 'rep-b' },
  currency: 'CNY',
  amount: 5_000,
  period: '2026-11',
  reason: 'missed exhibition bonus',
  reference: 'sale-7',
};
const resent = (overrides: Partial<AdjustCommission> = {}): AdjustCommission => ({
  type: 'AdjustCommission',
  adjustmentId: 'adj-1',
  payee: { kind: 'rep', id: 'rep-b' },
  currency: 'CNY',
  amount: 5_000,
  period: null,
  calendar: { periodLength: 'month', timeZone: 'Asia/Shanghai' },
  planCurrencies: ['CNY'],
  reason: 'missed exhibition bonus',
  reference: 'sale-7',
  at: '2026-12-01T02:00:00.000Z',
  ...overrides,
});

describe('an adjustment sent again under the same Idempotency-Key', () => {
  it('is the same adjustment when it says the same, even sent in the next month without a period', () => {
    expect(differingAdjustmentFields(recorded, resent())).toEqual([]);
  });

  it('is the same when it names the period the first was posted to, or pads the reason', () => {
    expect(
      differingAdjustmentFields(recorded, resent({ period: '2026-11', reason: ' missed exhibition bonus ' })),
    ).toEqual([]);
  });

  it.each<[string, Partial<AdjustCommission>]>([
    ['payeeKind', { payee: { kind: 'partner', id: 'rep-b' } }],
    ['payeeId', { payee: { kind: 'rep', id: 'rep-c' } }],
    ['amount', { amount: -5_000 }],
    ['currency', { currency: 'USD' }],
    ['reason', { reason: 'another bonus' }],
    ['reference', { reference: null }],
    ['period', { period: '2026-12' }],
  ])('names %s when that differs', (field, overrides) => {
    expect(differingAdjustmentFields(recorded, resent(overrides))).toEqual([field]);
  });

  it('names every differing field, in the order of the request', () => {
    expect(
      differingAdjustmentFields(
        recorded,
        resent({ period: '2026-12', amount: 6_000, payee: { kind: 'rep', id: 'rep-a' } }),
      ),
    ).toEqual(['payeeId', 'amount', 'period']);
  });
});
