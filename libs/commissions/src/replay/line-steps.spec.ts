import { LedgerLog, aPlan, rep } from '../engine/ledger.fixtures';
import type { LedgerLine } from '../engine/ledger-line';
import type { CommissionPlan } from '../plan/commission-plan';
import { ledgerTierBase } from './ledger-view';
import { replayLedgerLine } from './line-replay';
import { replayableLog } from './line-replay.fixtures';
import { replayLine } from './replay-line';

/*
 * The steps finance reads, one sentence each, in the order they are given. Every figure is worked
 * by hand from the plan, in fen (1.00 CNY = 100). The plan is the fixtures' plain one unless a test
 * says otherwise: "standard" v1 from 2026-01-01T00:00:00+08:00, monthly in Asia/Shanghai, booked on
 * revenue, 8% new rep-sourced, 5% new company-provided, 3% existing, a 90-day window and clawback
 * window, rounding half-up. Events are numbered e1, e2, … at positions 1, 2, …; a customer adds
 * three (LeadReceived, CustomerRegistered, OwnershipAssigned), so the first sale after the plan and
 * one customer is e5.
 */

const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const MARCH = (day: number) => at(`2026-03-${String(day).padStart(2, '0')}`);
const FEB = at('2026-02-01');

const PLAIN_PLAN = 'standard v1, in effect from 2026-01-01T00:00:00+08:00: booked basis on revenue, rounding half-up';
const NOT_SPLIT_OWNER = { step: 'split', detail: 'not split: the finder is the owner or there is none' };
const NO_TIERS = { step: 'tier', detail: 'x1: the plan has no tiers' };
const RATE_5 = { step: 'rate', detail: 'new-company-provided rate 5.00%' };

/** The attribution sentence of a walk-in (or other company-provided) first sale owned since February. */
const newCompanyProvided = (owner: string, closedAt: string, firstSaleAt: string, channel = 'walk-in') => ({
  step: 'attribution',
  detail: `new-company-provided, credited to ${owner}: new: closed ${closedAt}, within 90 days of the first sale on ${firstSaleAt}; company-provided: the first lead came by ${channel}; credited to ${owner}, the owner at closedAt`,
});
const openPosting = (occurredAt: string) => ({
  step: 'posting period',
  detail: `2026-03, the period of ${occurredAt} on the plan calendar (closed through none)`,
});

function logWith(
  plan: CommissionPlan,
  finder: string | null,
  owner: string,
  channel: 'walk-in' | 'web-form' = 'walk-in',
) {
  return new LedgerLog().plan(plan).customer({ customerId: 'c1', channel, finder, owner, at: FEB });
}

const sale = (saleId: string, amount: number, closedAt: string, closer: string, extra: { cost?: number } = {}) => ({
  saleId,
  customerId: 'c1',
  amount,
  closedAt,
  closingRepId: closer,
  ...extra,
});

async function stepsOf(log: LedgerLog, pick: (line: LedgerLine) => boolean) {
  const { lines, sources } = replayableLog(log);
  const line = lines.find(pick);
  if (!line) throw new Error('no such line in the fixture ledger');
  const answer = await replayLine(sources, line.lineId);
  expect(answer?.identical).toBe(true);
  return answer!.steps;
}

describe('the steps of a replayed line', () => {
  describe('rate lines against two tiers (x1.5 above 10,000.00, x2 above 20,000.00 credited in the month)', () => {
    const plan = aPlan({
      tiers: [
        { aboveMinor: 1_000_000, multiplierBps: 15_000 },
        { aboveMinor: 2_000_000, multiplierBps: 20_000 },
      ],
    });
    // e5: s1 8,000.00 x 5% = 400.00, all below the first threshold.
    // e6: s2 5,000.00 after 8,000.00: 2,000.00 x 5% x 1 = 100.00 (e6:0), 3,000.00 x 5% x 1.5 = 225.00 (e6:1).
    const log = () =>
      logWith(plan, 'rep-a', 'rep-a')
        .sale(sale('s1', 800_000, MARCH(2), 'rep-a'))
        .sale(sale('s2', 500_000, MARCH(10), 'rep-a'));
    const TIERS = 'tiers above 10,000.00 x1.5, above 20,000.00 x2';

    it('says a first sale of the month found nothing credited before it', async () => {
      expect(await stepsOf(log(), (l) => l.lineId === 'e5:0')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-a', MARCH(2), MARCH(2)),
        {
          step: 'base',
          detail:
            'revenue 8,000.00 of the 8,000.00 sale; the booked basis covers 0.00 -> 8,000.00, so this event credits 8,000.00 x 8,000.00 / 8,000.00 - 0.00 = 8,000.00',
        },
        RATE_5,
        {
          step: 'tier',
          // 0.00 + 8,000.00 = 8,000.00 after it.
          detail: `rep-a had 0.00 credited in 2026-03 before this event (nothing earlier, from the ledger's tier history), 8,000.00 after it; ${TIERS}; this part of 8,000.00 is paid at x1`,
        },
        NOT_SPLIT_OWNER,
        openPosting(MARCH(2)),
        { step: 'line', detail: 'accrual 400.00 to rep rep-a: 8,000.00 x 5.00% x 1 = 400.00' },
      ]);
    });

    it('says which event left the base and what the part above the threshold is paid at', async () => {
      const steps = await stepsOf(log(), (l) => l.lineId === 'e6:1');
      expect(steps.map((s) => s.step)).toEqual([
        'plan',
        'attribution',
        'base',
        'rate',
        'tier',
        'split',
        'posting period',
        'line',
      ]);
      // s2 is new: within 90 days of the customer's first sale, s1 on 2 March.
      expect(steps[1]).toEqual(newCompanyProvided('rep-a', MARCH(10), MARCH(2)));
      expect(steps[4].detail).toBe(
        // 8,000.00 + 5,000.00 = 13,000.00 after it; the event at position 5 is s1.
        `rep-a had 8,000.00 credited in 2026-03 before this event (as the event at position 5 left it, from the ledger's tier history), 13,000.00 after it; ${TIERS}; this part of 3,000.00 is paid at x1.5`,
      );
      expect(steps[7].detail).toBe('accrual 225.00 to rep rep-a: 3,000.00 x 5.00% x 1.5 = 225.00');
    });

    it('says the part below the threshold is paid at x1', async () => {
      const steps = await stepsOf(log(), (l) => l.lineId === 'e6:0');
      expect(steps.find((s) => s.step === 'tier')?.detail).toMatch(/; this part of 2,000\.00 is paid at x1$/);
      expect(steps.at(-1)?.detail).toBe('accrual 100.00 to rep rep-a: 2,000.00 x 5.00% x 1 = 100.00');
    });

    it('tells from the line that was recorded when the replay posts no such line', async () => {
      // The log's plan claims no tiers: s2 replays as one line, 5,000.00 x 5% = 250.00 (e6:0), and posts no e6:1.
      // The steps then read the recorded e6:1, paid at x1.5 under a plan that has no tiers.
      const built = log();
      const { lines } = replayableLog(built);
      const recorded = lines.find((l) => l.lineId === 'e6:1')!;
      const events = built.events.map((e) =>
        e.type === 'CommissionPlanPublished' ? { ...e, data: { plan: aPlan() } as unknown as typeof e.data } : e,
      );
      const answer = replayLedgerLine({
        recorded,
        events,
        tierBase: (repId, period, currency, before) => ({
          repId,
          period,
          currency,
          base: 800_000,
          beforePosition: before.toString(),
          setAtPosition: '5',
          creditedInPeriod: 1_300_000,
        }),
      });
      expect(answer.replayed).toBeNull();
      expect(answer.differences).toEqual([{ input: 'line', recorded: 'e6:1', replayed: null }]);
      expect(answer.steps.find((s) => s.step === 'tier')).toEqual({
        step: 'tier',
        detail: 'x1.5: the plan has no tiers',
      });
      expect(answer.steps.at(-1)?.detail).toBe('accrual 225.00 to rep rep-a: 3,000.00 x 5.00% x 1.5 = 225.00');
    });
  });

  describe('a tiered rate line on the collected basis, the second payment', () => {
    // x1.5 above 5,000.00 credited in the month. 10,000.00 sale paid 4,000.00 (e6: 4,000.00 x 5% = 200.00),
    // then 6,000.00 (e7): 4,000.00 + 6,000.00 = 10,000.00 credited after it, cut at 5,000.00:
    // 1,000.00 x 5% x 1 = 50.00 (e7:0), 5,000.00 x 5% x 1.5 = 375.00 (e7:1).
    const log = logWith(
      aPlan({ basis: 'collected', tiers: [{ aboveMinor: 500_000, multiplierBps: 15_000 }] }),
      'rep-a',
      'rep-a',
    )
      .sale(sale('s1', 1_000_000, MARCH(2), 'rep-a'))
      .payment('s1', 400_000, MARCH(6))
      .payment('s1', 600_000, MARCH(9));

    it('says the base before this payment, left by the first one, and after it', async () => {
      const steps = await stepsOf(log, (l) => l.lineId === 'e7:1');
      expect(steps.find((s) => s.step === 'base')?.detail).toBe(
        'revenue 10,000.00 of the 10,000.00 sale; the collected basis covers 4,000.00 -> 10,000.00, so this event credits 10,000.00 x 10,000.00 / 10,000.00 - 4,000.00 = 6,000.00',
      );
      expect(steps.find((s) => s.step === 'tier')?.detail).toBe(
        "rep-a had 4,000.00 credited in 2026-03 before this event (as the event at position 6 left it, from the ledger's tier history), 10,000.00 after it; tiers above 5,000.00 x1.5; this part of 5,000.00 is paid at x1.5",
      );
      expect(steps.at(-1)?.detail).toBe('accrual 375.00 to rep rep-a: 5,000.00 x 5.00% x 1.5 = 375.00');
    });
  });

  describe('a rate line paid on collected gross margin', () => {
    // 10,000.00 sale costing 6,000.00: a margin of 4,000.00, credited as the sale is paid.
    // e6 pays 4,000.00: 4,000.00 x 4,000.00 / 10,000.00 = 1,600.00 credited, x 5% = 80.00.
    // e7 pays 6,000.00: 4,000.00 x 10,000.00 / 10,000.00 - 1,600.00 = 2,400.00, x 5% = 120.00.
    const log = logWith(aPlan({ basis: 'collected', amountBase: 'gross-margin' }), 'rep-a', 'rep-a')
      .sale(sale('s1', 1_000_000, MARCH(2), 'rep-a', { cost: 600_000 }))
      .payment('s1', 400_000, MARCH(6))
      .payment('s1', 600_000, MARCH(9));

    it('says what the base is, what the basis covered before and after, and what this event credits', async () => {
      expect(await stepsOf(log, (l) => l.lineId === 'e7:0')).toEqual([
        {
          step: 'plan',
          detail:
            'standard v1, in effect from 2026-01-01T00:00:00+08:00: collected basis on gross-margin, rounding half-up',
        },
        newCompanyProvided('rep-a', MARCH(2), MARCH(2)),
        {
          step: 'base',
          detail:
            'gross-margin 4,000.00 of the 10,000.00 sale; the collected basis covers 4,000.00 -> 10,000.00, so this event credits 4,000.00 x 10,000.00 / 10,000.00 - 1,600.00 = 2,400.00',
        },
        RATE_5,
        NO_TIERS,
        NOT_SPLIT_OWNER,
        openPosting(MARCH(9)),
        { step: 'line', detail: 'accrual 120.00 to rep rep-a: 2,400.00 x 5.00% x 1 = 120.00' },
      ]);
    });
  });

  describe('splits between finder and owner', () => {
    it("gives the finder's part and how it was rounded: 3,333.33 x 5% = 166.67, 30% of it = 50.00", async () => {
      // 3,333.33 x 5% = 166.6665, half-up 166.67; 30% of 166.67 = 50.001, rounded down 50.00 (e5:1).
      const log = logWith(aPlan({ finderShareBps: 3_000 }), 'rep-b', 'rep-c').sale(
        sale('s1', 333_333, MARCH(5), 'rep-c'),
      );
      expect(await stepsOf(log, (l) => l.role === 'finder')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-c', MARCH(5), MARCH(5)),
        {
          step: 'base',
          detail:
            'revenue 3,333.33 of the 3,333.33 sale; the booked basis covers 0.00 -> 3,333.33, so this event credits 3,333.33 x 3,333.33 / 3,333.33 - 0.00 = 3,333.33',
        },
        RATE_5,
        NO_TIERS,
        {
          step: 'split',
          detail:
            'finder rep-b gets 30.00% of 166.67 rounded toward zero, owner rep-c the rest; this finder part = 50.00',
        },
        openPosting(MARCH(5)),
        {
          step: 'line',
          detail:
            'accrual 50.00 to rep rep-b: 3,333.33 x 5.00% x 1 = 166.67; finder share 30.00% = 50.00 (rounded down)',
        },
      ]);
    });

    it("calls the finder's line split even when the finder takes all of it (100%: the owner's part is 0)", async () => {
      // 1,000.00 x 5% = 50.00; 100% of it to rep-b, 0.00 to rep-c (no line).
      const log = logWith(aPlan({ finderShareBps: 10_000 }), 'rep-b', 'rep-c').sale(
        sale('s1', 100_000, MARCH(5), 'rep-c'),
      );
      const steps = await stepsOf(log, (l) => l.role === 'finder');
      expect(steps.find((s) => s.step === 'split')?.detail).toBe(
        'finder rep-b gets 100.00% of 50.00 rounded toward zero, owner rep-c the rest; this finder part = 50.00',
      );
    });

    it('says why a line is not split: the plan gives the finder nothing', async () => {
      // The plain plan's finder share is 0: rep-c keeps 1,000.00 x 5% = 50.00.
      const log = logWith(aPlan(), 'rep-b', 'rep-c').sale(sale('s1', 100_000, MARCH(5), 'rep-c'));
      const steps = await stepsOf(log, (l) => l.lineId === 'e5:0');
      expect(steps.find((s) => s.step === 'split')).toEqual({
        step: 'split',
        detail: 'not split: the plan gives the finder 0.00%',
      });
    });

    it('says why a line is not split: there is no finder', async () => {
      const log = logWith(aPlan({ finderShareBps: 3_000 }), null, 'rep-c', 'web-form').sale(
        sale('s1', 100_000, MARCH(5), 'rep-c'),
      );
      const steps = await stepsOf(log, (l) => l.lineId === 'e5:0');
      expect(steps[1]).toEqual(newCompanyProvided('rep-c', MARCH(5), MARCH(5), 'web-form'));
      expect(steps.find((s) => s.step === 'split')).toEqual(NOT_SPLIT_OWNER);
    });
  });

  describe('the other rules of a sale', () => {
    it('says the cap per sale cut the line: 10,000.00 x 5% = 500.00, capped at 300.00', async () => {
      const log = logWith(aPlan({ capPerSaleMinor: 30_000 }), 'rep-a', 'rep-a').sale(
        sale('s1', 1_000_000, MARCH(3), 'rep-a'),
      );
      expect(await stepsOf(log, (l) => l.lineId === 'e5:0')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-a', MARCH(3), MARCH(3)),
        {
          step: 'base',
          detail:
            'revenue 10,000.00 of the 10,000.00 sale; the booked basis covers 0.00 -> 10,000.00, so this event credits 10,000.00 x 10,000.00 / 10,000.00 - 0.00 = 10,000.00',
        },
        RATE_5,
        NO_TIERS,
        { step: 'cap', detail: 'capped at 300.00 per sale (rate, flat and minimum together)' },
        NOT_SPLIT_OWNER,
        openPosting(MARCH(3)),
        {
          step: 'line',
          detail: 'accrual 300.00 to rep rep-a: 10,000.00 x 5.00% x 1 = 500.00, capped at 300.00 per sale = 300.00',
        },
      ]);
    });

    describe('a flat amount beside a split rate, in a plan with a tier', () => {
      // 1,000.00 x 5% = 50.00: rep-c 35.00 (e5:0), finder rep-b 30% = 15.00 (e5:1); flat 50.00 to rep-c (e5:2).
      // The tier (x1.5 above 10,000.00) is not reached: 0.00 -> 1,000.00 credited to rep-c.
      const log = () =>
        logWith(
          aPlan({
            flatPerSaleMinor: 5_000,
            finderShareBps: 3_000,
            tiers: [{ aboveMinor: 1_000_000, multiplierBps: 15_000 }],
          }),
          'rep-b',
          'rep-c',
        ).sale(sale('s1', 100_000, MARCH(4), 'rep-c'));

      it("says the flat amount is the credited rep's alone, with no base, rate or tier", async () => {
        const { lines, sources } = replayableLog(log());
        expect(lines.map((l) => [l.lineId, l.payee.id, l.rule, l.amount])).toEqual([
          ['e5:0', 'rep-c', 'rate', 3_500],
          ['e5:1', 'rep-b', 'rate', 1_500],
          ['e5:2', 'rep-c', 'flat', 5_000],
        ]);
        const flat = await replayLine(sources, 'e5:2');
        expect(flat?.steps).toEqual([
          { step: 'plan', detail: PLAIN_PLAN },
          newCompanyProvided('rep-c', MARCH(4), MARCH(4)),
          { step: 'flat', detail: 'flat 50.00 per sale, to the credited rep alone' },
          { step: 'split', detail: 'not split: the flat amount is the credited rep’s alone' },
          openPosting(MARCH(4)),
          { step: 'line', detail: 'accrual 50.00 to rep rep-c: flat per sale = 50.00' },
        ]);
        // No tier cut the flat amount, though the sale's rate read the tier base.
        expect(flat?.inputs.tierBase).toBeNull();
        const rate = await replayLine(sources, 'e5:0');
        expect(rate?.inputs.tierBase).toMatchObject({ repId: 'rep-c', base: 0, setAtPosition: null });
        expect(rate?.steps.find((s) => s.step === 'tier')?.detail).toBe(
          "rep-c had 0.00 credited in 2026-03 before this event (nothing earlier, from the ledger's tier history), 1,000.00 after it; tiers above 10,000.00 x1.5; this part of 1,000.00 is paid at x1",
        );
        expect(rate?.steps.find((s) => s.step === 'split')?.detail).toBe(
          'finder rep-b gets 30.00% of 50.00 rounded toward zero, owner rep-c the rest; this owner part = 35.00',
        );
      });

      it('shows no tier base for a flat line the replay does not post (the plan in the log has no flat amount)', async () => {
        const built = log();
        const { lines, sources } = replayableLog(built);
        const recorded = lines.find((l) => l.lineId === 'e5:2')!;
        const events = built.events.map((e) =>
          e.type === 'CommissionPlanPublished'
            ? {
                ...e,
                data: {
                  plan: aPlan({ finderShareBps: 3_000, tiers: [{ aboveMinor: 1_000_000, multiplierBps: 15_000 }] }),
                } as unknown as typeof e.data,
              }
            : e,
        );
        const answer = replayLedgerLine({ recorded, events, tierBase: ledgerTierBase(sources.ledger) });
        expect(answer.replayed).toBeNull();
        expect(answer.inputs.tierBase).toBeNull();
      });
    });

    it('says the minimum was topped up once the sale was fully credited: 500.00 - 200.00 = 300.00', async () => {
      // 4,000.00 x 5% = 200.00 (e5:0); the minimum per sale 500.00 tops it up by 300.00 (e5:1).
      const log = logWith(aPlan({ minimumPerSaleMinor: 50_000 }), 'rep-a', 'rep-a').sale(
        sale('s1', 400_000, MARCH(3), 'rep-a'),
      );
      expect(await stepsOf(log, (l) => l.lineId === 'e5:1')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-a', MARCH(3), MARCH(3)),
        { step: 'minimum', detail: 'the sale is fully credited: minimum per sale 500.00 - accrued 200.00 = 300.00' },
        NOT_SPLIT_OWNER,
        openPosting(MARCH(3)),
        { step: 'line', detail: 'accrual 300.00 to rep rep-a: minimum per sale 500.00 - accrued 200.00 = 300.00' },
      ]);
    });

    it("says how many days after closing a refund came, and by how much cover fell: the finder's clawback", async () => {
      // 10,000.00 x 5% = 500.00: rep-c 350.00, finder rep-b 150.00. 2,500.00 refunded on 21 March at 16:00,
      // 20 days 6 hours = 20.25 days after closing. 500.00 x 2,500.00 / 10,000.00 = 125.00 back:
      // the finder 30% of 125.00 = 37.50, the owner 87.50.
      const log = logWith(aPlan({ finderShareBps: 3_000 }), 'rep-b', 'rep-c')
        .sale(sale('s1', 1_000_000, MARCH(1), 'rep-c'))
        .refund('s1', 250_000, at('2026-03-21', '16:00'));
      expect(await stepsOf(log, (l) => l.kind === 'clawback' && l.role === 'finder')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-c', MARCH(1), MARCH(1)),
        {
          step: 'clawback window',
          detail:
            '2026-03-21T16:00:00+08:00 is 20.25 days after closedAt 2026-03-01T10:00:00+08:00, within the 90-day window; cover fell 10,000.00 -> 7,500.00, so each standing accrual is clawed back by 2,500.00 / 10,000.00',
        },
        {
          step: 'split',
          detail:
            'finder rep-b gets 30.00% of -125.00 rounded toward zero, owner rep-c the rest; this finder part = -37.50',
        },
        openPosting('2026-03-21T16:00:00+08:00'),
        {
          step: 'line',
          detail:
            'clawback -37.50 to rep rep-b: -(500.00 x 2,500.00 / 10,000.00 = 125.00 at 5.00% x 1); finder part = -37.50',
        },
      ]);
    });
  });

  describe('the clawbacks of a flat amount and a minimum', () => {
    // 4,000.00 x 5% = 200.00 (e5:0), flat 50.00 (e5:1), the minimum 500.00 tops the rate's 200.00 up by
    // 300.00 (e5:2). Cancelled 5 days later (e6): cover falls 4,000.00 -> 0.00 and each is clawed back whole.
    const log = () =>
      logWith(aPlan({ flatPerSaleMinor: 5_000, minimumPerSaleMinor: 50_000 }), 'rep-a', 'rep-a')
        .sale(sale('s1', 400_000, MARCH(3), 'rep-a'))
        .cancel('s1', 400_000, MARCH(8));
    const window = {
      step: 'clawback window',
      detail:
        '2026-03-08T10:00:00+08:00 is 5.00 days after closedAt 2026-03-03T10:00:00+08:00, within the 90-day window; cover fell 4,000.00 -> 0.00, so each standing accrual is clawed back by 4,000.00 / 4,000.00',
    };

    it('gives the clawback of the flat amount the window, not the flat rule', async () => {
      expect(await stepsOf(log(), (l) => l.lineId === 'e6:1')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-a', MARCH(3), MARCH(3)),
        window,
        { step: 'split', detail: 'not split: the flat amount is the credited rep’s alone' },
        openPosting(MARCH(8)),
        { step: 'line', detail: 'clawback -50.00 to rep rep-a: -(50.00 x 4,000.00 / 4,000.00 = 50.00)' },
      ]);
    });

    it('gives the clawback of the minimum the window, not the minimum rule', async () => {
      expect(await stepsOf(log(), (l) => l.lineId === 'e6:2')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-a', MARCH(3), MARCH(3)),
        window,
        NOT_SPLIT_OWNER,
        openPosting(MARCH(8)),
        { step: 'line', detail: 'clawback -300.00 to rep rep-a: -(300.00 x 4,000.00 / 4,000.00 = 300.00)' },
      ]);
    });
  });

  describe("a referral partner's fee", () => {
    // bank-x referred c1 (web form, owned by rep-o). The rate is booked: 2,000.00 x 5% = 100.00 to rep-o (e5:0).
    const partnerLog = (partnerFee: CommissionPlan['partnerFee']) =>
      new LedgerLog()
        .plan(aPlan({ partnerFee }))
        .customer({
          customerId: 'c1',
          channel: 'web-form',
          finder: null,
          owner: 'rep-o',
          at: FEB,
          referralPartnerId: 'bank-x',
        })
        .sale(sale('s1', 200_000, MARCH(10), 'rep-o'));
    const attribution = newCompanyProvided('rep-o', MARCH(10), MARCH(10), 'web-form');

    describe('on what was collected, with a floor of 250.00', () => {
      // 10% as it is paid: e6 pays 500.00 (fee 50.00), e7 pays 1,500.00 (fee 150.00); the sale is then
      // fully collected and the fee so far, 200.00, is topped up to the floor by 50.00 (e7:1).
      const log = () =>
        partnerLog({ shareBps: 1_000, basis: 'collected', minimumMinor: 25_000 })
          .payment('s1', 50_000, MARCH(15))
          .payment('s1', 150_000, MARCH(20));

      it("says what the partner's basis covered before and what it covers now", async () => {
        expect(await stepsOf(log(), (l) => l.lineId === 'e6:0')).toEqual([
          { step: 'plan', detail: PLAIN_PLAN },
          attribution,
          {
            step: 'partner fee',
            detail: '10.00% of the collected amount 500.00 - 0.00 already paid on = 500.00, to bank-x',
          },
          openPosting(MARCH(15)),
          { step: 'line', detail: 'accrual 50.00 to partner bank-x: 500.00 x 10.00% = 50.00' },
        ]);
        expect(await stepsOf(log(), (l) => l.lineId === 'e7:0')).toEqual([
          { step: 'plan', detail: PLAIN_PLAN },
          attribution,
          {
            step: 'partner fee',
            detail: '10.00% of the collected amount 2,000.00 - 500.00 already paid on = 1,500.00, to bank-x',
          },
          openPosting(MARCH(20)),
          { step: 'line', detail: 'accrual 150.00 to partner bank-x: 1,500.00 x 10.00% = 150.00' },
        ]);
      });

      it("says the partner's floor was topped up", async () => {
        expect(await stepsOf(log(), (l) => l.lineId === 'e7:1')).toEqual([
          { step: 'plan', detail: PLAIN_PLAN },
          attribution,
          { step: 'minimum', detail: 'the sale is fully credited: floor 250.00 - fee 200.00 = 50.00' },
          openPosting(MARCH(20)),
          { step: 'line', detail: 'accrual 50.00 to partner bank-x: floor 250.00 - fee 200.00 = 50.00' },
        ]);
      });

      it("gives the rep's rate line no partner step", async () => {
        expect(await stepsOf(log(), (l) => l.lineId === 'e5:0')).toEqual([
          { step: 'plan', detail: PLAIN_PLAN },
          attribution,
          {
            step: 'base',
            detail:
              'revenue 2,000.00 of the 2,000.00 sale; the booked basis covers 0.00 -> 2,000.00, so this event credits 2,000.00 x 2,000.00 / 2,000.00 - 0.00 = 2,000.00',
          },
          RATE_5,
          NO_TIERS,
          NOT_SPLIT_OWNER,
          openPosting(MARCH(10)),
          { step: 'line', detail: 'accrual 100.00 to rep rep-o: 2,000.00 x 5.00% x 1 = 100.00' },
        ]);
      });
    });

    describe('booked, and clawed back', () => {
      // 10% of 2,000.00 = 200.00 at once (e5:1). 500.00 refunded on 20 March, 10 days after closing:
      // the rep's 100.00 x 500.00 / 2,000.00 = 25.00 back (e6:0), the partner's 200.00 x 500.00 / 2,000.00 = 50.00 (e6:1).
      const log = () =>
        partnerLog({ shareBps: 1_000, basis: 'booked', minimumMinor: null }).refund('s1', 50_000, MARCH(20));

      it('says the fee on the booked amount when the sale is recorded', async () => {
        const steps = await stepsOf(log(), (l) => l.lineId === 'e5:1');
        expect(steps.slice(2)).toEqual([
          {
            step: 'partner fee',
            detail: '10.00% of the booked amount 2,000.00 - 0.00 already paid on = 2,000.00, to bank-x',
          },
          openPosting(MARCH(10)),
          { step: 'line', detail: 'accrual 200.00 to partner bank-x: 2,000.00 x 10.00% = 200.00' },
        ]);
      });

      it("gives the partner's clawback the window, not the fee", async () => {
        expect(await stepsOf(log(), (l) => l.lineId === 'e6:1')).toEqual([
          { step: 'plan', detail: PLAIN_PLAN },
          attribution,
          {
            step: 'clawback window',
            detail:
              '2026-03-20T10:00:00+08:00 is 10.00 days after closedAt 2026-03-10T10:00:00+08:00, within the 90-day window; cover fell 2,000.00 -> 1,500.00, so each standing accrual is clawed back by 500.00 / 2,000.00',
          },
          openPosting(MARCH(20)),
          {
            step: 'line',
            detail: 'clawback -50.00 to partner bank-x: -(200.00 x 500.00 / 2,000.00 = 50.00) at 10.00% x 1',
          },
        ]);
      });
    });
  });

  describe('adjustments, payouts and late postings', () => {
    // c1 (rep-a) buys 10,000.00 on 5 March: 500.00 (e5:0). The March run pays it (e6) and closes March (e7).
    // Then: 2,000.00 of s1 refunded, dated 25 March (e8): 500.00 x 2,000.00 / 10,000.00 = 100.00 back, late;
    // rep-a adjusted -15.00 for March (e9), late too; s2 5,000.00 on 10 April: 250.00 (e10:0).
    const log = () =>
      logWith(aPlan(), 'rep-a', 'rep-a')
        .sale(sale('s1', 1_000_000, MARCH(5), 'rep-a'))
        .payout('2026-03', [{ payee: rep('rep-a'), amount: 50_000 }], at('2026-04-01'))
        .refund('s1', 200_000, MARCH(25))
        .adjust(rep('rep-a'), -1_500, '2026-03', at('2026-04-02'), 'duplicate order')
        .sale(sale('s2', 500_000, at('2026-04-10'), 'rep-a'));
    const LATE = 'was closed (closed through 2026-03): posted to 2026-04, the earliest open period';

    it("says a payout's arithmetic and the run's period", async () => {
      expect(await stepsOf(log(), (l) => l.kind === 'payout')).toEqual([
        { step: 'payout', detail: 'payout of the due balance through 2026-03 = -500.00' },
        { step: 'posting period', detail: "2026-03, the run's period (closed through none)" },
        { step: 'line', detail: 'payout -500.00 to rep rep-a: payout of the due balance through 2026-03 = -500.00' },
      ]);
    });

    it('says a clawback dated in a closed period was posted to the earliest open one', async () => {
      expect(await stepsOf(log(), (l) => l.lineId === 'e8:0')).toEqual([
        { step: 'plan', detail: PLAIN_PLAN },
        newCompanyProvided('rep-a', MARCH(5), MARCH(5)),
        {
          step: 'clawback window',
          detail:
            '2026-03-25T10:00:00+08:00 is 20.00 days after closedAt 2026-03-05T10:00:00+08:00, within the 90-day window; cover fell 10,000.00 -> 8,000.00, so each standing accrual is clawed back by 2,000.00 / 10,000.00',
        },
        NOT_SPLIT_OWNER,
        {
          step: 'posting period',
          detail: `2026-03, the period of 2026-03-25T10:00:00+08:00 on the plan calendar, ${LATE}`,
        },
        {
          step: 'line',
          detail: 'clawback -100.00 to rep rep-a: -(500.00 x 2,000.00 / 10,000.00 = 100.00) at 5.00% x 1',
        },
      ]);
    });

    it('says an adjustment naming a closed period was posted to the earliest open one', async () => {
      expect(await stepsOf(log(), (l) => l.kind === 'adjustment')).toEqual([
        { step: 'adjustment', detail: 'adjustment -15.00: duplicate order' },
        { step: 'posting period', detail: `2026-03, the period the adjustment names, ${LATE}` },
        { step: 'line', detail: 'adjustment -15.00 to rep rep-a: adjustment -15.00: duplicate order' },
      ]);
    });

    it('says an adjustment naming an open period was posted there', async () => {
      const open = new LedgerLog().plan(aPlan()).adjust(rep('rep-a'), 12_000, '2026-03', MARCH(15), 'credit for c9');
      expect(await stepsOf(open, (l) => l.kind === 'adjustment')).toEqual([
        { step: 'adjustment', detail: 'adjustment +120.00: credit for c9' },
        { step: 'posting period', detail: '2026-03, the period the adjustment names (closed through none)' },
        { step: 'line', detail: 'adjustment 120.00 to rep rep-a: adjustment +120.00: credit for c9' },
      ]);
    });

    it('says which period was closed when an open one got the line', async () => {
      const steps = await stepsOf(log(), (l) => l.lineId === 'e10:0');
      expect(steps.find((s) => s.step === 'posting period')?.detail).toBe(
        '2026-04, the period of 2026-04-10T10:00:00+08:00 on the plan calendar (closed through 2026-03)',
      );
      // 5,000.00 x 5% = 250.00.
      expect(steps.at(-1)?.detail).toBe('accrual 250.00 to rep rep-a: 5,000.00 x 5.00% x 1 = 250.00');
    });
  });
});
