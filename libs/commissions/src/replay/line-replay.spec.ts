import type { StoredEvent } from '@leadledger/event-store';
import { LedgerLog, aPlan, rep } from '../engine/ledger.fixtures';
import type { LedgerLine } from '../engine/ledger-line';
import type { CommissionPlan } from '../plan/commission-plan';
import { ledgerTierBase } from './ledger-view';
import { parseLineId, replayLedgerLine } from './line-replay';
import { replayableLog } from './line-replay.fixtures';
import { type LineReplaySources, replayLine } from './replay-line';

/*
 * Every amount below is worked by hand from the plan, in fen (1.00 CNY = 100). The plan is the
 * fixtures' plain one unless a test says otherwise: monthly in Asia/Shanghai, booked, 8% new
 * rep-sourced, 5% new company-provided, 3% existing, a 90-day window and clawback window, half-up.
 */

const MARCH = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00+08:00`;
const FEB = '2026-02-01T10:00:00+08:00';

/** A walk-in customer received by `finder` and owned by `owner` since February. */
const walkIn = (log: LedgerLog, customerId: string, finder: string, owner: string) =>
  log.customer({ customerId, channel: 'walk-in', finder, owner, at: FEB });

const sale = (saleId: string, customerId: string, amount: number, day: number, closer = 'rep-a') => ({
  saleId,
  customerId,
  amount,
  closedAt: MARCH(day),
  closingRepId: closer,
});

function linesOf(lines: readonly LedgerLine[], saleId: string): LedgerLine[] {
  return lines.filter((l) => l.saleId === saleId);
}

async function replayOf(log: LedgerLog, pick: (lines: readonly LedgerLine[]) => LedgerLine) {
  const { lines, sources } = replayableLog(log);
  const line = pick(lines);
  const answer = await replayLine(sources, line.lineId);
  if (!answer) throw new Error(`no replay of ${line.lineId}`);
  return answer;
}

describe('replaying a ledger line', () => {
  describe('a rate line above a tier threshold', () => {
    // x1.5 above 10,000.00 credited to the rep in the month.
    const log = () =>
      walkIn(
        new LedgerLog().plan(aPlan({ tiers: [{ aboveMinor: 1_000_000, multiplierBps: 15_000 }] })),
        'c1',
        'rep-a',
        'rep-a',
      )
        // 8,000.00 x 5% = 400.00; rep-a has 8,000.00 credited in March.
        .sale(sale('s1', 'c1', 800_000, 2))
        // 5,000.00 after 8,000.00: 2,000.00 x 5% x 1 = 100.00, then 3,000.00 x 5% x 1.5 = 225.00.
        .sale(sale('s2', 'c1', 500_000, 10));

    it('cuts the sale at the threshold from the base the ledger credited before it, identical', async () => {
      const answer = await replayOf(log(), (lines) => linesOf(lines, 's2')[1]);
      expect(answer.identical).toBe(true);
      expect(answer.differences).toEqual([]);
      expect(answer.replayed).toMatchObject({ amount: 22_500, base: 300_000, rateBps: 500, multiplierBps: 15_000 });
      expect(answer.inputs.tierBase).toMatchObject({ repId: 'rep-a', period: '2026-03', base: 800_000 });
      expect(answer.inputs.limits).toEqual([]);
      expect(answer.steps.find((s) => s.step === 'tier')?.detail).toContain('rep-a had 8,000.00 credited in 2026-03');
      expect(answer.steps.at(-1)?.detail).toBe('accrual 225.00 to rep rep-a: 3,000.00 x 5.00% x 1.5 = 225.00');
    });

    it('names the field that differs when an input was altered: the plan rate', async () => {
      const altered = log();
      const { lines, sources } = replayableLog(altered);
      const recorded = linesOf(lines, 's1')[0];
      // The same plan version claiming 6% for new company-provided: 8,000.00 x 6% = 480.00 instead of 400.00.
      const events: StoredEvent[] = altered.events.map((e) =>
        e.type === 'CommissionPlanPublished'
          ? {
              ...e,
              data: {
                plan: aPlan({
                  ...(e.data.plan as unknown as CommissionPlan),
                  ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 600, existing: 300 },
                }),
              } as unknown as StoredEvent['data'],
            }
          : e,
      );
      const answer = replayLedgerLine({ recorded, events, tierBase: ledgerTierBase(sources.ledger) });
      expect(answer.identical).toBe(false);
      expect(answer.differences).toEqual(
        expect.arrayContaining([
          { input: 'rateBps', recorded: 500, replayed: 600 },
          { input: 'amount', recorded: 40_000, replayed: 48_000 },
        ]),
      );
      expect(answer.differences.map((d) => d.input)).toEqual(['amount', 'rateBps', 'undividedAmount', 'arithmetic']);
    });
  });

  it('replays a finder split: 3,333.33 x 5% = 166.67, the finder gets 30% rounded down = 50.00', async () => {
    const log = walkIn(new LedgerLog().plan(aPlan({ finderShareBps: 3_000 })), 'c2', 'rep-b', 'rep-c').sale(
      sale('s3', 'c2', 333_333, 5, 'rep-c'),
    );
    const finder = await replayOf(log, (lines) => linesOf(lines, 's3').find((l) => l.role === 'finder')!);
    expect(finder.identical).toBe(true);
    expect(finder.replayed).toMatchObject({ payee: rep('rep-b'), amount: 5_000, undividedAmount: 16_667 });
    expect(finder.inputs.tierBase).toBeNull();
    const owner = await replayOf(log, (lines) => linesOf(lines, 's3').find((l) => l.role === 'owner')!);
    // The owner keeps the rest, the odd fen included: 166.67 - 50.00 = 116.67.
    expect(owner.replayed).toMatchObject({ payee: rep('rep-c'), amount: 11_667 });
    expect(owner.steps.find((s) => s.step === 'split')?.detail).toBe(
      'finder rep-b gets 30.00% of 166.67 rounded toward zero, owner rep-c the rest; this owner part = 116.67',
    );
  });

  it('replays a minimum top-up: 4,000.00 x 5% = 200.00, topped up to 500.00 with 300.00', async () => {
    const log = walkIn(new LedgerLog().plan(aPlan({ minimumPerSaleMinor: 50_000 })), 'c1', 'rep-a', 'rep-a').sale(
      sale('s1', 'c1', 400_000, 3),
    );
    const answer = await replayOf(log, (lines) => linesOf(lines, 's1').find((l) => l.rule === 'minimum')!);
    expect(answer.identical).toBe(true);
    expect(answer.replayed).toMatchObject({ rule: 'minimum', amount: 30_000 });
    expect(answer.steps.find((s) => s.step === 'minimum')?.detail).toBe(
      'the sale is fully credited: minimum per sale 500.00 - accrued 200.00 = 300.00',
    );
  });

  it('replays a clawback inside the window: a quarter of 600.00 = 150.00, 20 days after closing', async () => {
    // 12,000.00 x 5% = 600.00; 3,000.00 refunded 20 days later (window 90 days): -(600.00 x 3,000.00 / 12,000.00).
    const log = walkIn(new LedgerLog().plan(aPlan()), 'c1', 'rep-a', 'rep-a')
      .sale(sale('s1', 'c1', 1_200_000, 1))
      .refund('s1', 300_000, MARCH(21));
    const answer = await replayOf(log, (lines) => linesOf(lines, 's1').find((l) => l.kind === 'clawback')!);
    expect(answer.identical).toBe(true);
    expect(answer.replayed).toMatchObject({ kind: 'clawback', amount: -15_000, base: -300_000 });
    expect(answer.replayed?.referencesLineId).toBe(linesOf(replayableLog(log).lines, 's1')[0].lineId);
    expect(answer.steps.find((s) => s.step === 'clawback window')?.detail).toContain(
      'is 20.00 days after closedAt 2026-03-01T10:00:00+08:00, within the 90-day window; cover fell 12,000.00 -> 9,000.00',
    );
    expect(answer.inputs.saleEvents.map((e) => e.type)).toEqual(['SaleRecorded', 'SaleRefunded']);
  });

  describe('a tier base credited by a sale that posted no line', () => {
    // New company-provided pays 0%: c1's 8,000.00 is credited to rep-a (tier base) but posts no line.
    // c3 is rep-sourced by rep-a (8%): 5,000.00 after 8,000.00 is 2,000.00 x 8% = 160.00, then 3,000.00 x 8% x 1.5 = 360.00.
    const plan = aPlan({
      ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 0, existing: 300 },
      tiers: [{ aboveMinor: 1_000_000, multiplierBps: 15_000 }],
    });
    const log = () =>
      walkIn(new LedgerLog().plan(plan), 'c1', 'rep-a', 'rep-a')
        .customer({ customerId: 'c3', channel: 'rep-sourced', finder: 'rep-a', owner: 'rep-a', at: FEB })
        .sale(sale('s1', 'c1', 800_000, 2))
        .sale(sale('s2', 'c3', 500_000, 10));

    // What a replay would cut on if the ledger's history were missing s1's credit.
    const withoutS1 = (sources: LineReplaySources): LineReplaySources => ({
      ...sources,
      ledger: { ...sources.ledger, tierBaseBefore: () => ({ base: 0, setAt: null }) },
    });

    it("reads the base from the ledger's tier history, exact though s1 posted no line, without reading s1", async () => {
      const built = log();
      const answer = await replayOf(built, (lines) => linesOf(lines, 's2')[0]);
      expect(answer.identical).toBe(true);
      expect(answer.recorded.amount).toBe(16_000);
      const s1Recorded = built.events.find((e) => e.type === 'SaleRecorded' && e.data.saleId === 's1')!;
      expect(answer.inputs.tierBase).toMatchObject({
        base: 800_000,
        setAtPosition: s1Recorded.position.toString(),
        creditedInPeriod: 1_300_000,
      });
      expect(answer.steps.find((s) => s.step === 'tier')?.detail).toContain(
        `rep-a had 8,000.00 credited in 2026-03 before this event (as the event at position ${s1Recorded.position} left it`,
      );
      expect(answer.reads.streams.map((s) => s.streamId)).not.toContain('sale-s1');
    });

    it('cuts on the base it read: without s1 in the history, the line would be 400.00 and the replay says it differs', async () => {
      const { lines, sources } = replayableLog(log());
      const answer = await replayLine(withoutS1(sources), linesOf(lines, 's2')[0].lineId);
      expect(answer?.inputs.tierBase).toMatchObject({ base: 0, setAtPosition: null });
      // 5,000.00 x 8% at x1 = 400.00 instead of the 160.00 recorded.
      expect(answer?.differences).toContainEqual({ input: 'amount', recorded: 16_000, replayed: 40_000 });
    });

    it("replays a clawback resting on the sale's tiered accrual exactly, from the same history", async () => {
      // s2 cancelled 5 days later: -160.00 and -360.00 recorded. Cut from a base of 0, s2 accrued 400.00 in one
      // part, so the first clawback would replay as -400.00.
      const cancelled = log().cancel('s2', 500_000, MARCH(15));
      const { lines, sources } = replayableLog(cancelled);
      const clawback = linesOf(lines, 's2').find((l) => l.kind === 'clawback')!;
      const exact = await replayLine(sources, clawback.lineId);
      expect(exact).toMatchObject({ identical: true, replayed: { amount: -16_000 } });
      const altered = await replayLine(withoutS1(sources), clawback.lineId);
      expect(altered?.differences).toContainEqual({ input: 'amount', recorded: -16_000, replayed: -40_000 });
    });
  });

  it('replays an adjustment from its event, naming the dispute it settles', async () => {
    const log = new LedgerLog().plan(aPlan()).adjust(rep('rep-a'), 12_000, '2026-03', MARCH(15), 'credit for c9');
    const event = log.events.at(-1)!;
    log.events[log.events.length - 1] = { ...event, data: { ...event.data, disputeId: 'd-7' } };
    const answer = await replayOf(log, (lines) => lines[0]);
    expect(answer.identical).toBe(true);
    expect(answer.inputs.decision).toMatchObject({ reason: 'credit for c9', disputeId: 'd-7' });
    expect(answer.reads.streams).toEqual([{ streamId: 'commission-periods', events: 1 }]);
  });

  it('parses only `<event id>:<n>` line ids', () => {
    expect(parseLineId('0192f3a1-7c2e-7b3d-9a4f-1e2d3c4b5a69:2')).toEqual({
      eventId: '0192f3a1-7c2e-7b3d-9a4f-1e2d3c4b5a69',
      index: 2,
    });
    for (const bad of ['e1', 'e1:', ':1', 'e1:01', 'e1:-1', 'e 1:0', 'e1:0:0']) expect(parseLineId(bad)).toBeNull();
  });
});
