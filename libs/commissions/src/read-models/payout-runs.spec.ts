import type { StoredEvent } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import type { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type ProjectionStatus, ReadModelDatabase, rebuildProjections } from '@leadledger/projections';
import { LedgerLog, aPlan, rep } from '../engine/ledger.fixtures';
import type { Payee } from '../periods/commission-periods.events';
import { storeOf } from '../testing/fixture-store';
import { commissionLedgerProjection } from './commission-ledger.projection';
import { ledgerLine } from './commission-ledger.query';
import { payoutRunsProjection } from './payout-runs.projection';
import { listPayoutRuns, payoutRunClosing, payoutRunOf } from './payout-runs.query';

const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const partner = (id: string): Payee => ({ kind: 'partner', id });

/**
 * A payout run as the periods decider writes it: finance read the ledger at `ledgerPosition`
 * (by default the head of the log before the run), then one CommissionPaidOut per payee and
 * currency and the PeriodClosed, by fin-1 (finance), recorded five minutes after its business time.
 */
function run(
  log: LedgerLog,
  period: string,
  payouts: readonly { payee: Payee; currency: string; amount: number }[],
  occurredAt: string,
  ledgerPosition = String(log.events.length),
): void {
  const payoutRunId = `run-${period}`;
  const append = (type: string, data: object) => {
    const n = log.events.length + 1;
    log.events.push({
      id: `e${n}`,
      type,
      streamId: 'commission-periods',
      revision: BigInt(n - 1),
      position: BigInt(n),
      data: data as StoredEvent['data'],
      metadata: {
        actorId: 'fin-1',
        actorRole: 'finance',
        reason: null,
        occurredAt,
        recordedAt: new Date(Date.parse(occurredAt) + 5 * 60_000).toISOString(),
        correlationId: `c${n}`,
        causationId: null,
        idempotencyKey: null,
        schemaVersion: 1,
      },
    });
  };
  for (const p of payouts) append('CommissionPaidOut', { payoutRunId, period, ...p });
  const totals = new Map<string, number>();
  for (const p of payouts) totals.set(p.currency, (totals.get(p.currency) ?? 0) + p.amount);
  const payeesPaid = new Set(payouts.map((p) => `${p.payee.kind}:${p.payee.id}`)).size;
  append('PeriodClosed', {
    payoutRunId,
    period,
    ledgerPosition,
    payeesPaid,
    totals: [...totals].map(([currency, amount]) => ({ currency, amount })),
  });
}

/** A CommissionAdjusted in another currency than the fixtures' CNY. */
function adjustIn(log: LedgerLog, currency: string, payee: Payee, amount: number, period: string, occurredAt: string) {
  log.adjust(payee, amount, period, occurredAt, 'expenses abroad');
  const last = log.events.length - 1;
  log.events[last] = { ...log.events[last], data: { ...log.events[last].data, currency } };
}

/*
 * Booked basis: 8% new rep-sourced, 5% new company-provided; bank-x, the referral partner of
 * c2, earns 10% of c2's sales. rep-a found and owns c1; c2 came by web form, owned by rep-b.
 * January:
 *   s1 c1 10,000.00 x 8% = 800.00 to rep-a
 *   s2 c2  4,000.00 x 5% = 200.00 to rep-b; bank-x 4,000.00 x 10% = 400.00
 *   run 2026-01 pays bank-x 400.00, rep-a 800.00, rep-b 200.00
 * February:
 *   s3 c1 2,000.00 x 8% = 160.00 to rep-a
 *   1,000.00 of s2 refunded (a quarter): rep-b 200.00 / 4 = 50.00 back, bank-x 400.00 / 4 = 100.00 back
 *   rep-b adjusted +20.00; rep-a adjusted +US$50.00
 *   run 2026-02 pays rep-a 160.00 and US$50.00; rep-b (-50.00 + 20.00 = -30.00) and bank-x (-100.00) owe
 * March:
 *   s4 c2 3,000.00 x 5% = 150.00 to rep-b; bank-x 300.00
 *   the run reads the ledger here (at s4)
 *   s5 c2 1,000.00 x 5% = 50.00 to rep-b; bank-x 100.00, recorded after that read, still in March
 *   run 2026-03 pays bank-x -100.00 + 300.00 = 200.00 and rep-b -30.00 + 150.00 = 120.00
 */
const log = new LedgerLog()
  .plan(aPlan({ partnerFee: { shareBps: 1000, basis: 'booked', minimumMinor: null } }))
  .customer({ customerId: 'c1', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: at('2025-12-01') })
  .customer({
    customerId: 'c2',
    channel: 'web-form',
    finder: null,
    owner: 'rep-b',
    at: at('2025-12-01'),
    referralPartnerId: 'bank-x',
  })
  .sale({ saleId: 's1', customerId: 'c1', amount: 1_000_000, closedAt: at('2026-01-10'), closingRepId: 'rep-a' })
  .sale({ saleId: 's2', customerId: 'c2', amount: 400_000, closedAt: at('2026-01-12'), closingRepId: 'rep-b' });
run(
  log,
  '2026-01',
  [
    { payee: partner('bank-x'), currency: 'CNY', amount: 40_000 },
    { payee: rep('rep-a'), currency: 'CNY', amount: 80_000 },
    { payee: rep('rep-b'), currency: 'CNY', amount: 20_000 },
  ],
  at('2026-02-01'),
);
log
  .sale({ saleId: 's3', customerId: 'c1', amount: 200_000, closedAt: at('2026-02-05'), closingRepId: 'rep-a' })
  .refund('s2', 100_000, at('2026-02-10'))
  .adjust(rep('rep-b'), 2_000, '2026-02', at('2026-02-20'), 'missed bonus');
adjustIn(log, 'USD', rep('rep-a'), 5_000, '2026-02', at('2026-02-21'));
run(
  log,
  '2026-02',
  [
    { payee: rep('rep-a'), currency: 'CNY', amount: 16_000 },
    { payee: rep('rep-a'), currency: 'USD', amount: 5_000 },
  ],
  at('2026-03-01'),
);
log.sale({ saleId: 's4', customerId: 'c2', amount: 300_000, closedAt: at('2026-03-03'), closingRepId: 'rep-b' });
const readAtS4 = String(log.events.length);
log.sale({ saleId: 's5', customerId: 'c2', amount: 100_000, closedAt: at('2026-03-20'), closingRepId: 'rep-b' });
run(
  log,
  '2026-03',
  [
    { payee: partner('bank-x'), currency: 'CNY', amount: 20_000 },
    { payee: rep('rep-b'), currency: 'CNY', amount: 12_000 },
  ],
  at('2026-04-01'),
  readAtS4,
);

const settled = (lines: readonly { saleExternalId: string | null; kind: string; amount: number }[]) =>
  lines.map((l) => [l.kind, l.saleExternalId, l.amount]);

describe('payout runs read model', () => {
  const dir = tempDirectory('leadledger-payout-runs');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let built: ProjectionStatus[];
  beforeAll(async () => {
    store = await storeOf(dir.file('events.sqlite'), log.events);
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    built = await rebuildProjections(store, readModels, [commissionLedgerProjection, payoutRunsProjection]);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  it('builds under its own name and version, beside the ledger (as /health shows them)', () => {
    expect(built.map(({ name, version, failure }) => ({ name, version, failure }))).toEqual([
      { name: 'commission-ledger', version: '6', failure: null },
      { name: 'payout-runs', version: '1', failure: null },
    ]);
  });

  describe('the list', () => {
    it('lists the runs newest first, a page at a time, with who ran each, when, and what it paid in all', () => {
      const page = listPayoutRuns(readModels.db, { limit: 2, before: null });
      expect(page.next).toBe('2026-02');
      expect(page.runs).toEqual([
        {
          payoutRunId: 'run-2026-03',
          period: '2026-03',
          previousPeriod: '2026-02',
          closedAt: at('2026-04-01'),
          recordedAt: '2026-04-01T02:05:00.000Z',
          actor: { id: 'fin-1', role: 'finance' },
          ledgerPosition: readAtS4,
          payeesPaid: 2,
          // 200.00 + 120.00
          totals: [{ currency: 'CNY', amount: 32_000 }],
        },
        {
          payoutRunId: 'run-2026-02',
          period: '2026-02',
          previousPeriod: '2026-01',
          closedAt: at('2026-03-01'),
          recordedAt: '2026-03-01T02:05:00.000Z',
          actor: { id: 'fin-1', role: 'finance' },
          ledgerPosition: expect.any(String),
          // rep-a, in two currencies
          payeesPaid: 1,
          totals: [
            { currency: 'CNY', amount: 16_000 },
            { currency: 'USD', amount: 5_000 },
          ],
        },
      ]);
    });

    it('continues before the cursor, and says the last page is the last', () => {
      const page = listPayoutRuns(readModels.db, { limit: 2, before: '2026-02' });
      expect(page.next).toBeNull();
      // 400.00 + 800.00 + 200.00; the first run closed no period before it
      expect(page.runs).toEqual([
        expect.objectContaining({
          period: '2026-01',
          previousPeriod: null,
          payeesPaid: 3,
          totals: [{ currency: 'CNY', amount: 140_000 }],
        }),
      ]);
    });

    it('pages one run at a time, the cursor being the period of the last run shown', () => {
      const first = listPayoutRuns(readModels.db, { limit: 1, before: null });
      expect([first.runs.map((r) => r.period), first.next]).toEqual([['2026-03'], '2026-03']);
      const second = listPayoutRuns(readModels.db, { limit: 1, before: first.next });
      expect([second.runs.map((r) => r.period), second.next]).toEqual([['2026-02'], '2026-02']);
    });

    it('has no next page when the page holds exactly the runs left', () => {
      const page = listPayoutRuns(readModels.db, { limit: 3, before: null });
      expect(page.runs.map((r) => r.period)).toEqual(['2026-03', '2026-02', '2026-01']);
      expect(page.next).toBeNull();
    });
  });

  describe('the run that closed a period', () => {
    it('is the run of that period, else the first later run (a run closes every earlier period)', () => {
      expect(payoutRunClosing(readModels.db, '2026-02')?.payoutRunId).toBe('run-2026-02');
      expect(payoutRunClosing(readModels.db, '2025-12')).toMatchObject({
        payoutRunId: 'run-2026-01',
        period: '2026-01',
      });
    });

    it('is none for a period after the last run', () => {
      expect(payoutRunClosing(readModels.db, '2026-04')).toBeNull();
    });
  });

  describe('one run', () => {
    it('shows the first run: each payment settles the lines posted through January, nothing carried in', () => {
      const detail = payoutRunOf(readModels.db, '2026-01')!;
      expect(detail).toMatchObject({ payoutRunId: 'run-2026-01', previousPeriod: null, payeesPaid: 3 });
      // Partners sort before reps.
      expect(detail.payments.map((p) => [p.payee, p.currency, p.amount, p.carriedIn, settled(p.settledLines)])).toEqual(
        [
          [partner('bank-x'), 'CNY', 40_000, 0n, [['accrual', 's2', 40_000]]],
          [rep('rep-a'), 'CNY', 80_000, 0n, [['accrual', 's1', 80_000]]],
          [rep('rep-b'), 'CNY', 20_000, 0n, [['accrual', 's2', 20_000]]],
        ],
      );
    });

    it("points each payment at the payout line it posted to the payee's ledger", () => {
      const [bank] = payoutRunOf(readModels.db, '2026-01')!.payments;
      expect(ledgerLine(readModels.db, bank.lineId)).toMatchObject({
        kind: 'payout',
        payee: partner('bank-x'),
        period: '2026-01',
        amount: -40_000,
        payoutRunId: 'run-2026-01',
      });
    });

    it('settles each currency with its own lines, from the period after the previous run', () => {
      const detail = payoutRunOf(readModels.db, '2026-02')!;
      // rep-a's January closed at 800.00 - 800.00 = 0: nothing carried in.
      expect(detail.payments.map((p) => [p.payee, p.currency, p.amount, p.carriedIn, settled(p.settledLines)])).toEqual(
        [
          [rep('rep-a'), 'CNY', 16_000, 0n, [['accrual', 's3', 16_000]]],
          [rep('rep-a'), 'USD', 5_000, 0n, [['adjustment', null, 5_000]]],
        ],
      );
    });

    it('carries in what a payee owed, and leaves out a line posted after the run read the ledger', () => {
      const detail = payoutRunOf(readModels.db, '2026-03')!;
      // bank-x carried -100.00 (the clawback of February) and is paid -100.00 + 300.00 = 200.00;
      // rep-b carried -50.00 + 20.00 = -30.00 and is paid -30.00 + 150.00 = 120.00. s5 (50.00 and
      // 100.00) was posted to March after the read at s4: not settled by this run.
      expect(detail.payments.map((p) => [p.payee, p.amount, p.carriedIn, settled(p.settledLines)])).toEqual([
        [partner('bank-x'), 20_000, -10_000n, [['accrual', 's4', 30_000]]],
        [rep('rep-b'), 12_000, -3_000n, [['accrual', 's4', 15_000]]],
      ]);
      for (const p of detail.payments)
        expect(p.carriedIn + p.settledLines.reduce((sum, l) => sum + BigInt(l.amount), 0n)).toBe(BigInt(p.amount));
    });

    it('is none for a period no run closed by itself', () => {
      expect(payoutRunOf(readModels.db, '2026-04')).toBeNull();
    });
  });

  describe('when rebuilt from another log', () => {
    it('forgets every run and payment of the old one', async () => {
      const other = new LedgerLog()
        .plan(aPlan())
        .customer({ customerId: 'c9', channel: 'walk-in', finder: 'rep-z', owner: 'rep-z', at: at('2025-12-01') })
        .sale({ saleId: 's9', customerId: 'c9', amount: 100_000, closedAt: at('2026-01-15'), closingRepId: 'rep-z' });
      // 1,000.00 x 5% = 50.00
      run(other, '2026-01', [{ payee: rep('rep-z'), currency: 'CNY', amount: 5_000 }], at('2026-02-01'));
      const otherStore = await storeOf(dir.file('other-events.sqlite'), other.events);
      const rebuilt = new ReadModelDatabase(dir.file('rebuilt.sqlite'));
      try {
        await rebuildProjections(store, rebuilt, [commissionLedgerProjection, payoutRunsProjection]);
        await rebuildProjections(otherStore, rebuilt, [commissionLedgerProjection, payoutRunsProjection]);
        expect(listPayoutRuns(rebuilt.db, { limit: 10, before: null }).runs.map((r) => r.period)).toEqual(['2026-01']);
        expect(payoutRunOf(rebuilt.db, '2026-01')!.payments.map((p) => [p.payee, p.amount])).toEqual([
          [rep('rep-z'), 5_000],
        ]);
      } finally {
        rebuilt.close();
        await otherStore.close();
      }
    });
  });
});
