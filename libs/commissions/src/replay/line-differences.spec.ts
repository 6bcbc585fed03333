import type { LedgerLine } from '../engine/ledger-line';
import { compareLines } from './line-differences';

/** A rate accrual as the ledger posts it: 12,000.00 x 6% x 1.5 = 1,080.00 (fen). */
const recorded: LedgerLine = {
  lineId: 'e7:0',
  payee: { kind: 'rep', id: 'rep-a' },
  kind: 'accrual',
  rule: 'rate',
  period: '2026-03',
  naturalPeriod: '2026-03',
  currency: 'CNY',
  amount: 108_000,
  occurredAt: '2026-03-05T10:00:00+08:00',
  position: '7',
  sourceEventIds: ['e7'],
  saleId: 's1',
  paymentId: null,
  refundId: null,
  adjustmentId: null,
  payoutRunId: null,
  planId: 'standard',
  planVersion: 1,
  attributionClass: 'new-rep-sourced',
  role: 'owner',
  rateBps: 600,
  multiplierBps: 15_000,
  base: 1_200_000,
  groupId: 's1:0',
  undividedAmount: 108_000,
  referencesLineId: null,
  arithmetic: '12,000.00 x 6.00% x 1.5 = 1,080.00',
  note: null,
};

/** The same line with every compared field different. */
const other: LedgerLine = {
  lineId: 'e7:0',
  payee: { kind: 'rep', id: 'rep-b' },
  kind: 'clawback',
  rule: 'minimum',
  period: '2026-04',
  naturalPeriod: '2026-02',
  currency: 'USD',
  amount: -108_000,
  occurredAt: '2026-03-06T10:00:00+08:00',
  position: '8',
  sourceEventIds: ['e8'],
  saleId: 's2',
  paymentId: 'pay-1',
  refundId: 'refund-1',
  adjustmentId: 'adj-1',
  payoutRunId: 'run-2026-03',
  planId: 'other',
  planVersion: 2,
  attributionClass: 'existing',
  role: 'finder',
  rateBps: 500,
  multiplierBps: 10_000,
  base: 1_000_000,
  groupId: 's1:1',
  undividedAmount: 100_000,
  referencesLineId: 'e5:0',
  arithmetic: 'other',
  note: 'cap per sale reached',
};

describe('comparing a recorded line with its replay', () => {
  it('finds nothing when they are the same', () => {
    expect(compareLines(recorded, { ...recorded })).toEqual([]);
  });

  it('names every field that differs, in the order an answer names them, with both values', () => {
    const differences = compareLines(recorded, other);
    expect(differences.map((d) => d.input)).toEqual([
      'payee',
      'kind',
      'rule',
      'amount',
      'period',
      'naturalPeriod',
      'currency',
      'occurredAt',
      'position',
      'sourceEventIds',
      'saleId',
      'paymentId',
      'refundId',
      'adjustmentId',
      'payoutRunId',
      'planId',
      'planVersion',
      'attributionClass',
      'role',
      'rateBps',
      'multiplierBps',
      'base',
      'groupId',
      'undividedAmount',
      'referencesLineId',
      'arithmetic',
      'note',
    ]);
    expect(differences[0]).toEqual({
      input: 'payee',
      recorded: { kind: 'rep', id: 'rep-a' },
      replayed: { kind: 'rep', id: 'rep-b' },
    });
    expect(differences[3]).toEqual({ input: 'amount', recorded: 108_000, replayed: -108_000 });
  });

  it('compares values, not identities: an equal payee or list is no difference', () => {
    const copy = { ...recorded, payee: { kind: 'rep' as const, id: 'rep-a' }, sourceEventIds: ['e7'] };
    expect(compareLines(recorded, copy)).toEqual([]);
  });

  it('names the whole line when the replay posted none', () => {
    expect(compareLines(recorded, null)).toEqual([{ input: 'line', recorded: 'e7:0', replayed: null }]);
  });
});
