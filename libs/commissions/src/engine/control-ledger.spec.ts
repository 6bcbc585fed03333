import type { StoredEvent } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { ReadModelDatabase } from '@leadledger/projections';
import { commissionLedgerProjection } from '../read-models/commission-ledger.projection';
import { ledgerLinesThrough, ledgerTotalsThrough } from '../read-models/commission-ledger.query';
import { ControlLedger, everyEvents, replayLedger } from './control-ledger';
import { LedgerLog, aPlan, rep } from './ledger.fixtures';
import { totalsOfLines } from './line-totals';
import type { LedgerLine } from './ledger-line';
import { reconcile, reconcileTotals } from './reconciliation';
import { statementOf } from './statement';

const PERIODS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05'];

async function* inBatches(events: readonly StoredEvent[], size = 3): AsyncIterable<readonly StoredEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}

/** The control as it was before it was cached: the whole log replayed, then folded. */
async function fullReplay(events: readonly StoredEvent[], through: bigint) {
  return replayLedger(inBatches(events), through);
}

/** January and February: two customers, sales, payments, a refund, a payout run closing January. */
function firstMonths(): LedgerLog {
  return new LedgerLog()
    .plan(aPlan({ basis: 'collected', finderShareBps: 2500 }))
    .customer({
      customerId: 'c1',
      channel: 'rep-sourced',
      finder: 'rep-a',
      owner: 'rep-a',
      at: '2026-01-02T10:00:00+08:00',
    })
    .customer({
      customerId: 'c2',
      channel: 'walk-in',
      finder: 'rep-b',
      owner: 'rep-c',
      at: '2026-01-03T10:00:00+08:00',
    })
    .sale({
      saleId: 's1',
      customerId: 'c1',
      amount: 1_000_000,
      closedAt: '2026-01-05T10:00:00+08:00',
      closingRepId: 'rep-a',
    })
    .sale({
      saleId: 's2',
      customerId: 'c2',
      amount: 500_000,
      closedAt: '2026-01-06T10:00:00+08:00',
      closingRepId: 'rep-c',
    })
    .payment('s1', 600_000, '2026-01-10T10:00:00+08:00')
    .payment('s2', 500_000, '2026-01-12T10:00:00+08:00')
    .refund('s2', 100_000, '2026-01-20T10:00:00+08:00')
    .payout('2026-01', [{ payee: rep('rep-a'), amount: 48_000 }], '2026-02-01T10:00:00+08:00');
}

/** What happens after the first reconciliation: more sales, a late refund, an adjustment, February's run. */
function laterMonths(log: LedgerLog): LedgerLog {
  return log
    .payment('s1', 400_000, '2026-02-03T10:00:00+08:00')
    .sale({
      saleId: 's3',
      customerId: 'c1',
      amount: 300_000,
      closedAt: '2026-02-04T10:00:00+08:00',
      closingRepId: 'rep-a',
    })
    .payment('s3', 300_000, '2026-02-05T10:00:00+08:00')
    .refund('s1', 200_000, '2026-02-06T10:00:00+08:00')
    .adjust(rep('rep-b'), -1_000, '2026-02', '2026-02-07T10:00:00+08:00')
    .payout('2026-02', [{ payee: rep('rep-a'), amount: 10_000 }], '2026-03-01T10:00:00+08:00')
    .refund('s3', 100_000, '2026-03-02T10:00:00+08:00');
}

/** Each payee's statement totals by the statement rule itself, over every line. */
function statementTotals(lines: readonly LedgerLine[], period: string) {
  const payees = new Map(lines.map((l) => [`${l.payee.kind}|${l.payee.id}`, l.payee]));
  return [...payees.values()]
    .map((payee) => ({ payee, totals: statementOf(payee, period, lines).totals }))
    .filter((p) => p.totals.length > 0);
}

describe('the cached control ledger', () => {
  it('advanced step by step, gives every period the totals of a fresh full replay', async () => {
    const log = firstMonths();
    const control = new ControlLedger();
    await control.advance(inBatches(log.events), BigInt(log.events.length));
    const firstHead = BigInt(log.events.length);
    for (const period of PERIODS)
      expect(control.totalsThrough(period)).toEqual(
        totalsOfLines(await fullReplay(log.events, firstHead)).through(period),
      );

    laterMonths(log);
    const head = BigInt(log.events.length);
    // Read from its own position, as the engine does: only the new events.
    await control.advance(inBatches(log.events.slice(Number(control.position))), head);
    expect(control.position).toBe(head);
    const replayed = await fullReplay(log.events, head);
    const fresh = totalsOfLines(replayed);
    for (const period of PERIODS) {
      expect(control.totalsThrough(period)).toEqual(fresh.through(period));
      const byPayee = [...control.totalsThrough(period).values()];
      expect(byPayee).toEqual(expect.arrayContaining(statementTotals(replayed, period)));
      expect(byPayee).toHaveLength(statementTotals(replayed, period).length);
    }
  });

  it('stops at the position it is given, whatever the batches hold beyond it, and never moves back', async () => {
    const log = laterMonths(firstMonths());
    const control = new ControlLedger();
    const cut = 9n;
    await control.advance(inBatches(log.events), cut);
    expect(control.position).toBe(cut);
    const prefix = totalsOfLines(await fullReplay(log.events, cut));
    for (const period of PERIODS) expect(control.totalsThrough(period)).toEqual(prefix.through(period));

    await control.advance(inBatches(log.events), cut - 3n);
    expect(control.position).toBe(cut);
    for (const period of PERIODS) expect(control.totalsThrough(period)).toEqual(prefix.through(period));
  });

  it('pauses between slices, so a long catch-up leaves the event loop free', async () => {
    const log = laterMonths(firstMonths());
    let pauses = 0;
    const pause = async () => void pauses++;
    await new ControlLedger().advance(inBatches(log.events), BigInt(log.events.length), everyEvents(4, pause));
    expect(pauses).toBe(Math.floor(log.events.length / 4));
  });
});

describe('the cached control ledger, read again from an earlier point', () => {
  /** Batches that count how many the control asked for. */
  function counted(events: readonly StoredEvent[]) {
    const reads = { batches: 0 };
    async function* batches(): AsyncIterable<readonly StoredEvent[]> {
      for await (const batch of inBatches(events)) {
        reads.batches++;
        yield batch;
      }
    }
    return { reads, batches: batches() };
  }

  it('applies each event once when given the whole log again: a payout is not paid twice', async () => {
    const log = laterMonths(firstMonths());
    const control = new ControlLedger();
    // Position 13 is January's CommissionPaidOut (rep-a, 48,000); the control stops right on it.
    const payout = 13n;
    expect(log.events[Number(payout) - 1].type).toBe('CommissionPaidOut');
    await control.advance(inBatches(log.events), payout);
    const head = BigInt(log.events.length);
    await control.advance(inBatches(log.events), head);
    const fresh = totalsOfLines(await fullReplay(log.events, head));
    for (const period of PERIODS) expect(control.totalsThrough(period)).toEqual(fresh.through(period));
    // January's paid total is the one payout of 48,000, not two.
    const repA = control.totalsThrough('2026-01').get('rep|rep-a')?.totals[0];
    expect(repA?.paid).toBe(-48_000n);
  });

  it('reads nothing from the log when asked to advance to where it already is', async () => {
    const log = firstMonths();
    const control = new ControlLedger();
    const head = BigInt(log.events.length);
    await control.advance(inBatches(log.events), head);
    const again = counted(log.events);
    await control.advance(again.batches, head);
    expect(again.reads.batches).toBe(0);
    expect(control.position).toBe(head);
  });
});

describe('reconciling the read model with the cached control', () => {
  it('gives the same answer as the full replay against every line, before and after more events', async () => {
    const dir = tempDirectory('leadledger-control-ledger');
    const readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    const { db } = readModels;
    const project = (events: readonly StoredEvent[]) => {
      for (const event of events) db.transaction(() => commissionLedgerProjection.apply(event, db))();
    };
    try {
      commissionLedgerProjection.setup(db);
      const log = firstMonths();
      const control = new ControlLedger();
      const check = async () => {
        const head = BigInt(log.events.length);
        await control.advance(inBatches(log.events.slice(Number(control.position))), head);
        const replayed = await fullReplay(log.events, head);
        for (const period of PERIODS) {
          const incremental = reconcileTotals(period, ledgerTotalsThrough(db, period), control.totalsThrough(period));
          expect(incremental).toEqual(reconcile(period, ledgerLinesThrough(db, period), replayed));
          expect(incremental.matches).toBe(true);
        }
      };
      project(log.events);
      await check();
      const before = log.events.length;
      laterMonths(log);
      project(log.events.slice(before));
      await check();
    } finally {
      readModels.close();
      dir.remove();
    }
  });
});
