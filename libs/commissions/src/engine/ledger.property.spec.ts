import type { StoredEvent } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { ReadModelDatabase, canonicalRows, tableDigest } from '@leadledger/projections';
import fc from 'fast-check';
import type { Payee } from '../periods/commission-periods.events';
import { nextPeriod } from '../plan/commission-periods';
import { commissionLedgerProjection } from '../read-models/commission-ledger.projection';
import {
  ledgerLinesThrough,
  ledgerStatement,
  ledgerTotalsThrough,
  payoutPreview,
} from '../read-models/commission-ledger.query';
import { ControlLedger, everyEvents, replayLedger } from './control-ledger';
import { LedgerLog, aPlan, ledgerOf } from './ledger.fixtures';
import { DAY, buildLedger, ledgerScript } from '../testing/random-ledger';
import { LINE_KINDS, type LedgerLine } from './ledger-line';
import { reconcile, reconcileTotals } from './reconciliation';
import { dueBalances, statementOf } from './statement';

const logs = ledgerScript.map(buildLedger);

const payeeKey = (p: Payee) => `${p.kind}|${p.id}`;
const payeesOf = (lines: readonly LedgerLine[]) => [
  ...new Map(lines.map((l) => [payeeKey(l.payee), l.payee])).values(),
];
const sum = (lines: readonly LedgerLine[]) => lines.reduce((total, l) => total + l.amount, 0);
const exactSum = (lines: readonly LedgerLine[]) => lines.reduce((total, l) => total + BigInt(l.amount), 0n);

function periodsSpanned(lines: readonly LedgerLine[]): string[] {
  if (lines.length === 0) return [];
  const sorted = lines.map((l) => l.period).sort();
  const periods = [sorted[0]];
  while (periods[periods.length - 1] < sorted[sorted.length - 1]) periods.push(nextPeriod(periods[periods.length - 1]));
  return periods;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('the commission ledger on random logs', () => {
  it('balances every statement: opening + movements = closing due, which opens the next period', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        const lines = ledgerOf(log);
        const periods = periodsSpanned(lines);
        for (const payee of payeesOf(lines)) {
          const own = lines.filter((l) => payeeKey(l.payee) === payeeKey(payee));
          let carried = 0n;
          for (const period of periods) {
            const totals = statementOf(payee, period, lines).totals;
            expect(totals.length).toBeLessThanOrEqual(1);
            const t = totals[0] ?? { opening: 0n, accrued: 0n, clawedBack: 0n, adjusted: 0n, paid: 0n, closingDue: 0n };
            expect(t.opening).toBe(carried);
            expect(t.opening + t.accrued + t.clawedBack + t.adjusted + t.paid).toBe(t.closingDue);
            expect(t.closingDue).toBe(exactSum(own.filter((l) => l.period <= period)));
            expect(t.accrued).toBeGreaterThanOrEqual(0n);
            expect(t.clawedBack).toBeLessThanOrEqual(0n);
            expect(t.paid).toBeLessThanOrEqual(0n);
            carried = t.closingDue;
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('posts only the four kinds of line, so all lines sum to accruals + clawbacks + adjustments + payouts', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        const lines = ledgerOf(log);
        const byKind = LINE_KINDS.map((kind) => sum(lines.filter((l) => l.kind === kind)));
        expect(lines.every((l) => (LINE_KINDS as readonly string[]).includes(l.kind))).toBe(true);
        expect(sum(lines)).toBe(byKind.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 100 },
    );
  });

  it('divides every undivided amount exactly, giving the finder floor(undivided x share / 10000)', () => {
    fc.assert(
      fc.property(logs, ({ log, plans }) => {
        const lines = ledgerOf(log);
        const grouped = lines.filter((l) => l.groupId !== null);
        // One group is written once as an accrual and then once per clawback event.
        for (const parts of groupBy(grouped, (l) => `${l.groupId}|${l.position}|${l.kind}`).values()) {
          const undivided = parts[0].undividedAmount;
          expect(parts.every((l) => l.undividedAmount === undivided)).toBe(true);
          expect(sum(parts)).toBe(undivided);
          const finder = parts.find((l) => l.role === 'finder');
          if (parts[0].kind !== 'accrual' || !finder) continue;
          const plan = plans.find((p) => p.version === finder.planVersion)!;
          const finderShare = Math.floor(((undivided ?? 0) * plan.finderShareBps) / 10_000);
          // A part that rounds to nothing is not written (a 100% finder share leaves the owner none).
          const ownerShare = (undivided ?? 0) - finderShare;
          expect(parts.map((l) => l.role)).toEqual(ownerShare === 0 ? ['finder'] : ['owner', 'finder']);
          expect(finder.amount).toBe(finderShare);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never pays out a negative amount, leaves nobody owed through a paid period, and never posts into a closed one', () => {
    fc.assert(
      fc.property(logs, ({ log, closes }) => {
        const lines = ledgerOf(log);
        for (const payout of lines.filter((l) => l.kind === 'payout')) expect(payout.amount).toBeLessThan(0);
        for (const close of closes) {
          for (const line of lines.filter((l) => BigInt(l.position) > close.position))
            expect(line.period > close.period).toBe(true);
          for (const balance of dueBalances(lines, close.period)) expect(balance.due).toBeLessThanOrEqual(0n);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every amount a safe integer of minor units', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        for (const line of ledgerOf(log)) {
          expect(Number.isSafeInteger(line.amount)).toBe(true);
          if (line.base !== null) expect(Number.isSafeInteger(line.base)).toBe(true);
          if (line.undividedAmount !== null) expect(Number.isSafeInteger(line.undividedAmount)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('never claws back more from a payee than the accrual it references gave', () => {
    fc.assert(
      fc.property(logs, ({ log }) => {
        const lines = ledgerOf(log);
        const byId = new Map(lines.map((l) => [l.lineId, l]));
        const clawbacks = lines.filter((l) => l.kind === 'clawback');
        for (const [referenced, taken] of groupBy(clawbacks, (l) => l.referencesLineId ?? 'none')) {
          const accrual = byId.get(referenced);
          expect(accrual?.kind).toBe('accrual');
          expect(
            taken.every((l) => payeeKey(l.payee) === payeeKey(accrual!.payee) && l.saleId === accrual!.saleId),
          ).toBe(true);
          expect(sum(taken)).toBeGreaterThanOrEqual(-accrual!.amount);
          expect(taken.every((l) => l.amount <= 0)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('keeps a sale within its cap, and nets a sale cancelled inside the clawback window to zero for every payee', () => {
    fc.assert(
      fc.property(logs, ({ log, plans }) => {
        const lines = ledgerOf(log);
        const cancelledAt = new Map(
          log.events
            .filter((e) => e.type === 'SaleCancelled')
            .map((e) => [(e.data as { saleId: string }).saleId, Date.parse(e.metadata.occurredAt)]),
        );
        for (const [saleId, ofSale] of groupBy(
          lines.filter((l) => l.saleId !== null),
          (l) => l.saleId!,
        )) {
          const plan = plans.find((p) => p.version === ofSale[0].planVersion)!;
          const capped = ofSale.filter((l) => l.kind === 'accrual' && l.role !== 'partner');
          if (plan.capPerSaleMinor !== null) expect(sum(capped)).toBeLessThanOrEqual(plan.capPerSaleMinor);
          const closedAt = Date.parse(
            log.events.find((e) => e.type === 'SaleRecorded' && (e.data as { saleId: string }).saleId === saleId)!
              .metadata.occurredAt,
          );
          const cancelled = cancelledAt.get(saleId);
          if (cancelled === undefined || cancelled - closedAt > plan.clawbackWindowDays * DAY) continue;
          for (const payee of payeesOf(ofSale))
            expect(sum(ofSale.filter((l) => payeeKey(l.payee) === payeeKey(payee)))).toBe(0);
        }
      }),
      { numRuns: 100 },
    );
  });
});

async function* inBatches(events: readonly StoredEvent[], size: number): AsyncIterable<readonly StoredEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}

/** Feeds the events to the SQLite projection the way the runner would: setup once, then one transaction per event. */
function project(readModels: ReadModelDatabase, events: readonly StoredEvent[]): void {
  const { db } = readModels;
  commissionLedgerProjection.setup(db);
  for (const event of events) {
    if (commissionLedgerProjection.eventTypes && !commissionLedgerProjection.eventTypes.includes(event.type)) continue;
    db.transaction(() => commissionLedgerProjection.apply(event, db))();
  }
}

describe('the commission ledger read model on random logs', () => {
  it('rebuilds to the in-memory lines, byte-identical twice, and reconciles with the control replay in every period', async () => {
    await fc.assert(
      fc.asyncProperty(logs, async ({ log }) => {
        const dir = tempDirectory('leadledger-ledger-property');
        const first = new ReadModelDatabase(dir.file('first.sqlite'));
        const second = new ReadModelDatabase(dir.file('second.sqlite'));
        try {
          project(first, log.events);
          project(second, log.events);
          const memoryLines = ledgerOf(log);
          const sqlLines = ledgerLinesThrough(first.db, '9999-12');
          expect(sqlLines).toEqual(memoryLines);
          for (const table of commissionLedgerProjection.tables) {
            expect(canonicalRows(first.db, table)).toEqual(canonicalRows(second.db, table));
            expect(tableDigest(first.db, table)).toEqual(tableDigest(second.db, table));
          }
          const head = BigInt(log.events.length);
          const controlLines = await replayLedger(inBatches(log.events, 7), head);
          expect(controlLines).toEqual(memoryLines);
          for (const period of periodsSpanned(sqlLines))
            expect(reconcile(period, sqlLines, controlLines).matches).toBe(true);
        } finally {
          first.close();
          second.close();
          dir.remove();
        }
      }),
      { numRuns: 25 },
    );
  });

  it('writes no line for a finder share that rounds to 0.00, and reads the rest back unchanged', () => {
    // 0.20 x 5% = 0.01: the finder's 30% rounds down to 0.00; the cancellation claws back the owner's 0.01.
    const log = new LedgerLog()
      .plan(aPlan({ finderShareBps: 3000 }))
      .customer({
        customerId: 'c1',
        channel: 'walk-in',
        finder: 'rep-f',
        owner: 'rep-o',
        at: '2026-02-01T10:00:00+08:00',
      })
      .sale({
        saleId: 's1',
        customerId: 'c1',
        amount: 20,
        closedAt: '2026-03-01T10:00:00+08:00',
        closingRepId: 'rep-o',
      })
      .cancel('s1', 20, '2026-03-02T10:00:00+08:00');
    const dir = tempDirectory('leadledger-ledger-zero');
    const readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    try {
      project(readModels, log.events);
      const memoryLines = ledgerOf(log);
      expect(memoryLines.map((l) => [l.payee.id, l.kind, l.amount])).toEqual([
        ['rep-o', 'accrual', 1],
        ['rep-o', 'clawback', -1],
      ]);
      expect(ledgerLinesThrough(readModels.db, '9999-12')).toEqual(memoryLines);
    } finally {
      readModels.close();
      dir.remove();
    }
  });

  it('replays the control ledger only up to the position it is given', async () => {
    await fc.assert(
      fc.asyncProperty(logs, fc.nat(), async ({ log }, cut) => {
        const through = cut % (log.events.length + 1);
        const prefix = new LedgerLog();
        prefix.events.push(...log.events.slice(0, through));
        expect(await replayLedger(inBatches(log.events, 5), BigInt(through))).toEqual(ledgerOf(prefix));
      }),
      { numRuns: 50 },
    );
  });

  it('advances the cached control in steps to the same reconciliation as a full replay, never past its position', async () => {
    await fc.assert(
      fc.asyncProperty(logs, fc.nat(), fc.nat(), async ({ log }, a, b) => {
        const dir = tempDirectory('leadledger-control-property');
        const readModels = new ReadModelDatabase(dir.file('read.sqlite'));
        try {
          const [first, second] = [a, b].map((n) => n % (log.events.length + 1)).sort((x, y) => x - y);
          const control = new ControlLedger();
          await control.advance(
            inBatches(log.events, 7),
            BigInt(first),
            everyEvents(2, async () => undefined),
          );
          expect(control.position).toBe(BigInt(first));
          await control.advance(inBatches(log.events.slice(first), 5), BigInt(second), everyEvents(3));
          expect(control.position).toBe(BigInt(second));
          project(readModels, log.events.slice(0, second));
          const replayed = await replayLedger(inBatches(log.events, 11), BigInt(second));
          const sqlLines = ledgerLinesThrough(readModels.db, '9999-12');
          for (const period of periodsSpanned(replayed)) {
            const incremental = reconcileTotals(
              period,
              ledgerTotalsThrough(readModels.db, period),
              control.totalsThrough(period),
            );
            expect(incremental).toEqual(reconcile(period, sqlLines, replayed));
            expect(incremental.matches).toBe(true);
            for (const { payee, totals } of control.totalsThrough(period).values())
              expect(totals).toEqual(statementOf(payee, period, replayed).totals);
            // The SQL statement and payout preview read sums, not lines: the same answers as the lines give.
            for (const { payee } of control.totalsThrough(period).values())
              expect(ledgerStatement(readModels.db, payee, period)).toEqual(statementOf(payee, period, sqlLines));
            expect(payoutPreview(readModels.db, period)).toEqual(
              dueBalances(sqlLines, period).filter((b) => b.due > 0n),
            );
          }
        } finally {
          readModels.close();
          dir.remove();
        }
      }),
      { numRuns: 25 },
    );
  });
});
