import type { ReadStreamOptions, StoredEvent } from '@leadledger/event-store';
import { LedgerLog, aPlan, rep } from '../engine/ledger.fixtures';
import type { LedgerLine } from '../engine/ledger-line';
import { ledgerTierBase } from './ledger-view';
import { parseLineId, replayLedgerLine } from './line-replay';
import { replayableLog } from './line-replay.fixtures';
import { type LineReplaySources, replayLine } from './replay-line';

/*
 * What a replay read and what it tells finance it used: the source event, the plan version, the
 * customer and leads, the sale's own events, the customer's earlier sales, the period boundary,
 * the tier base and, for an adjustment or payout, who decided it. Amounts in fen (1.00 CNY = 100);
 * the plan is the fixtures' plain one (booked, 5% new company-provided) unless a test says otherwise.
 * Events are e1, e2, … at positions 1, 2, …
 */

const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const MARCH = (day: number) => at(`2026-03-${String(day).padStart(2, '0')}`);
const FEB = at('2026-02-01');
const PLAN = { planId: 'standard', version: 1, effectiveFrom: '2026-01-01T00:00:00+08:00' };
const LEAD_C1 = { leadId: 'lead-c1', channel: 'walk-in', receivedBy: 'rep-a', referralPartnerId: null };

const sale = (
  saleId: string,
  amount: number,
  closedAt: string,
  extra: { customerId?: string; leadId?: string } = {},
) => ({
  saleId,
  customerId: 'c1',
  amount,
  closedAt,
  closingRepId: 'rep-a',
  ...extra,
});

/** c1, a walk-in received and owned by rep-a since February (e2 LeadReceived, e3 CustomerRegistered, e4 owner). */
const withC1 = (log = new LedgerLog().plan(aPlan())) =>
  log.customer({ customerId: 'c1', channel: 'walk-in', finder: 'rep-a', owner: 'rep-a', at: FEB });

async function replayOf(
  log: LedgerLog,
  lineId: string,
  change: (s: LineReplaySources) => LineReplaySources = (s) => s,
) {
  const { sources } = replayableLog(log);
  const answer = await replayLine(change(sources), lineId);
  if (!answer) throw new Error(`no replay of ${lineId}`);
  return answer;
}

/** The sources with every readStream call of the store written down: stream, options. */
function counting(sources: LineReplaySources) {
  const calls: { streamId: string; options: ReadStreamOptions | undefined }[] = [];
  const counted: LineReplaySources = {
    ...sources,
    store: {
      readStream: (streamId, options) => {
        calls.push({ streamId, options });
        return sources.store.readStream(streamId, options);
      },
    },
  };
  return { counted, calls };
}

describe('what a line replay read and used', () => {
  describe("a sale's second line, with the customer's first sale paid later", () => {
    // s1 8,000.00 on 2 March (e5), s2 5,000.00 on 10 March (e6), then 8,000.00 paid on s1 (e7; booked: no line).
    // Tiers x1.5 above 10,000.00: s2 cuts at 2,000.00 (e6:0, 100.00) and 3,000.00 (e6:1, 3,000.00 x 5% x 1.5 = 225.00).
    const log = () =>
      withC1(new LedgerLog().plan(aPlan({ tiers: [{ aboveMinor: 1_000_000, multiplierBps: 15_000 }] })))
        .sale(sale('s1', 800_000, MARCH(2)))
        .sale(sale('s2', 500_000, MARCH(10)))
        .payment('s1', 800_000, MARCH(12));

    it('names every input: the plan, the customer, the first lead, the earlier sale and the tier base', async () => {
      const answer = await replayOf(log(), 'e6:1');
      expect(answer.identical).toBe(true);
      expect(answer.inputs).toEqual({
        sourceEvent: { id: 'e6', type: 'SaleRecorded', position: '6' },
        plan: PLAN,
        customer: { customerId: 'c1', finderRepId: 'rep-a', firstLeadChannel: 'walk-in', firstSaleAt: MARCH(2) },
        leads: [LEAD_C1],
        saleEvents: [{ id: 'e6', type: 'SaleRecorded', position: '6' }],
        earlierSalesOfCustomer: 1,
        closedThrough: null,
        // 8,000.00 credited by s1 (position 5) before s2; 8,000.00 + 5,000.00 = 13,000.00 in March so far.
        tierBase: {
          repId: 'rep-a',
          period: '2026-03',
          currency: 'CNY',
          base: 800_000,
          beforePosition: '6',
          setAtPosition: '5',
          creditedInPeriod: 1_300_000,
        },
        decision: null,
        limits: [],
      });
    });

    it("reads each stream once, only the first event of the customer's other sale, and one ledger line", async () => {
      const answer = await replayOf(log(), 'e6:1');
      expect(answer.reads).toEqual({
        streams: [
          { streamId: 'commission-periods', events: 0 },
          { streamId: 'sale-s2', events: 1 },
          { streamId: 'commission-plans', events: 1 },
          { streamId: 'customer-c1', events: 2 },
          { streamId: 'lead-lead-c1', events: 1 },
          // sale-s1 holds SaleRecorded and PaymentReceived: only the first is read.
          { streamId: 'sale-s1', events: 1 },
        ],
        ledgerLines: 1,
      });
    });

    it("replays the first sale from its own events up to the line's source, not the payment after it", async () => {
      const answer = await replayOf(log(), 'e5:0');
      expect(answer.inputs.saleEvents).toEqual([{ id: 'e5', type: 'SaleRecorded', position: '5' }]);
      expect(answer.inputs.earlierSalesOfCustomer).toBe(0);
      expect(answer.inputs.tierBase).toEqual({
        repId: 'rep-a',
        period: '2026-03',
        currency: 'CNY',
        base: 0,
        beforePosition: '5',
        setAtPosition: null,
        creditedInPeriod: 1_300_000,
      });
    });

    it('still shows the tier base the recorded line was cut on when the replay, cut on another, posts no such line', async () => {
      // Were s1's 8,000.00 missing from the tier history, s2 would be one line of 5,000.00 x 5% = 250.00 (e6:0), no e6:1.
      const answer = await replayOf(log(), 'e6:1', (sources) => ({
        ...sources,
        ledger: { ...sources.ledger, tierBaseBefore: () => ({ base: 0, setAt: null }) },
      }));
      expect(answer.replayed).toBeNull();
      expect(answer.identical).toBe(false);
      expect(answer.differences).toEqual([{ input: 'line', recorded: 'e6:1', replayed: null }]);
      expect(answer.inputs.tierBase).toMatchObject({ base: 0, setAtPosition: null, beforePosition: '6' });
    });

    it("skips what the customer's sale index holds that is not another sale of the customer", async () => {
      const answer = await replayOf(log(), 'e6:0', (sources) => ({
        ...sources,
        customerSaleStreams: () => ['lead-lead-x', 'sale-s2', 'sale-s1', 'payout-run-1'],
      }));
      expect(answer.reads.streams.map((s) => s.streamId)).toEqual([
        'commission-periods',
        'sale-s2',
        'commission-plans',
        'customer-c1',
        'lead-lead-c1',
        'sale-s1',
      ]);
      expect(answer.identical).toBe(true);
    });
  });

  describe("the sale's own lead and the customer's first lead", () => {
    // lead-x came by referral from bank-y, received by rep-z (it registered c9, who is not the buyer).
    const log = (leadId?: string) =>
      withC1()
        .customer({
          customerId: 'c9',
          channel: 'referral',
          finder: 'rep-z',
          owner: null,
          at: FEB,
          leadId: 'lead-x',
          referralPartnerId: 'bank-y',
        })
        .sale(sale('s1', 100_000, MARCH(3), leadId ? { leadId } : {}));
    const LEAD_X = { leadId: 'lead-x', channel: 'referral', receivedBy: 'rep-z', referralPartnerId: 'bank-y' };

    it('lists both, the sale’s own first', async () => {
      // e5, e6 register c9: the sale is e7.
      const answer = await replayOf(log('lead-x'), 'e7:0');
      expect(answer.inputs.leads).toEqual([LEAD_X, LEAD_C1]);
      expect(answer.reads.streams.map((s) => s.streamId)).toContain('lead-lead-x');
    });

    it('lists a lead once when the sale names the first lead', async () => {
      const answer = await replayOf(log('lead-c1'), 'e7:0');
      expect(answer.inputs.leads).toEqual([LEAD_C1]);
    });

    it('leaves out a lead the streams do not hold, and reads no lead for a sale that names none', async () => {
      const missing = await replayOf(log('lead-gone'), 'e7:0');
      expect(missing.inputs.leads).toEqual([LEAD_C1]);
      expect(missing.reads.streams).toContainEqual({ streamId: 'lead-lead-gone', events: 0 });
      const none = await replayOf(log(), 'e7:0');
      expect(none.inputs.leads).toEqual([LEAD_C1]);
      expect(none.reads.streams.filter((s) => s.streamId.startsWith('lead-'))).toEqual([
        { streamId: 'lead-lead-c1', events: 1 },
      ]);
    });
  });

  describe('a customer the engine did not know when the sale closed', () => {
    // s7 (2,000.00 on 3 March) names c7 before c7 is registered: credited to the closer rep-a, 5% = 100.00 (e2:0).
    // c7 is registered on 4 March (e3, e4; nobody owns it), and 500.00 is refunded on 6 March (e5):
    // 100.00 x 500.00 / 2,000.00 = 25.00 back (e5:0).
    const log = () =>
      new LedgerLog()
        .plan(aPlan())
        .sale(sale('s7', 200_000, MARCH(3), { customerId: 'c7' }))
        .customer({ customerId: 'c7', channel: 'phone', finder: 'rep-d', owner: null, at: MARCH(4) })
        .refund('s7', 50_000, MARCH(6));

    it('shows no customer and no lead for the line of the sale itself', async () => {
      const answer = await replayOf(log(), 'e2:0');
      expect(answer.inputs).toMatchObject({ customer: null, leads: [], plan: PLAN, earlierSalesOfCustomer: 0 });
      expect(answer.steps[1]).toEqual({
        step: 'attribution',
        detail:
          'new-company-provided, credited to rep-a: new: closed 2026-03-03T10:00:00+08:00, within 90 days of the first sale on 2026-03-03T10:00:00+08:00; company-provided: the first lead came by an unknown channel; credited to the closer rep-a: nobody owned the customer at closedAt',
      });
    });

    it('gives the first sale the attribution used, not the customer facts registered after it', async () => {
      const answer = await replayOf(log(), 'e5:0');
      expect(answer.replayed).toMatchObject({ kind: 'clawback', amount: -2_500 });
      expect(answer.inputs.customer).toEqual({
        customerId: 'c7',
        finderRepId: 'rep-d',
        firstLeadChannel: 'phone',
        firstSaleAt: MARCH(3),
      });
    });
  });

  it('reads no customer, lead or other sale for a customer never registered', async () => {
    const log = new LedgerLog().plan(aPlan()).sale(sale('s8', 100_000, MARCH(3), { customerId: 'c-ghost' }));
    const answer = await replayOf(log, 'e2:0');
    expect(answer.reads.streams).toEqual([
      { streamId: 'commission-periods', events: 0 },
      { streamId: 'sale-s8', events: 1 },
      { streamId: 'commission-plans', events: 1 },
      { streamId: 'customer-c-ghost', events: 0 },
    ]);
    expect(answer.inputs.customer).toBeNull();
    expect(answer.identical).toBe(true);
  });

  it('reads only the periods and the plans when the sale stream is not there, and says it could not find the source', async () => {
    const log = withC1().sale(sale('s1', 100_000, MARCH(3)));
    const answer = await replayOf(log, 'e5:0', (sources) => ({
      ...sources,
      store: {
        readStream: (streamId, options) =>
          streamId === 'sale-s1' ? Promise.resolve([]) : sources.store.readStream(streamId, options),
      },
    }));
    expect(answer.reads.streams).toEqual([
      { streamId: 'commission-periods', events: 0 },
      { streamId: 'sale-s1', events: 0 },
      { streamId: 'commission-plans', events: 1 },
    ]);
    expect(answer.inputs.sourceEvent).toBeNull();
    expect(answer.inputs.limits).toEqual(["the line's source event e5 is not in the streams read"]);
    expect(answer.replayed).toBeNull();
  });

  it('parses line numbers of several digits, up to six', () => {
    expect(parseLineId('e5:12')).toEqual({ eventId: 'e5', index: 12 });
    expect(parseLineId('e5:999999')).toEqual({ eventId: 'e5', index: 999_999 });
    expect(parseLineId('e5:1000000')).toBeNull();
  });

  it("reads the sale's own stream once, though the customer's sale index lists it", async () => {
    const log = withC1()
      .sale(sale('s1', 800_000, MARCH(2)))
      .sale(sale('s2', 500_000, MARCH(10)));
    const { sources } = replayableLog(log);
    const { counted, calls } = counting(sources);
    await replayLine(counted, 'e6:0');
    expect(calls.filter((c) => c.streamId === 'sale-s2')).toHaveLength(1);
    expect(calls.filter((c) => c.streamId === 'sale-s1')).toEqual([{ streamId: 'sale-s1', options: { maxCount: 1 } }]);
  });

  it('answers nothing for a line the ledger does not have', async () => {
    const { sources } = replayableLog(withC1().sale(sale('s1', 100_000, MARCH(3))));
    expect(await replayLine(sources, 'e5:9')).toBeNull();
    expect(await replayLine(sources, 'nothing')).toBeNull();
  });

  describe('an adjustment or a payout', () => {
    it('names who decided an adjustment, why, the dispute it settles and its reference', async () => {
      const log = new LedgerLog().plan(aPlan()).adjust(rep('rep-a'), 12_000, '2026-03', MARCH(15), 'credit for c9');
      const event = log.events[1];
      log.events[1] = { ...event, data: { ...event.data, disputeId: 'd-7', reference: 'INV-7' } };
      const answer = await replayOf(log, 'e2:0');
      expect(answer.inputs).toEqual({
        sourceEvent: { id: 'e2', type: 'CommissionAdjusted', position: '2' },
        plan: null,
        customer: null,
        leads: [],
        saleEvents: [],
        earlierSalesOfCustomer: 0,
        closedThrough: null,
        tierBase: null,
        decision: {
          actorId: 'test',
          actorRole: 'admin',
          reason: 'credit for c9',
          disputeId: 'd-7',
          reference: 'INV-7',
        },
        limits: [],
      });
    });

    it('names who ran a payout, with the reason recorded on the event and no dispute or reference', async () => {
      // The March run pays rep-a 100.00 (e2) and closes March (e3); a later payout line of April reads the boundary.
      const log = new LedgerLog()
        .plan(aPlan())
        .payout('2026-03', [{ payee: rep('rep-a'), amount: 10_000 }], at('2026-04-01'))
        .payout('2026-04', [{ payee: rep('rep-a'), amount: 5_000 }], at('2026-05-01'));
      const event = log.events[3];
      log.events[3] = { ...event, metadata: { ...event.metadata, reason: 'monthly run' } };
      const march = await replayOf(log, 'e2:0');
      expect(march.inputs.decision).toEqual({
        actorId: 'test',
        actorRole: 'admin',
        reason: null,
        disputeId: null,
        reference: null,
      });
      expect(march.inputs.closedThrough).toBeNull();
      const april = await replayOf(log, 'e4:0');
      expect(april.inputs.decision).toEqual({
        actorId: 'test',
        actorRole: 'admin',
        reason: 'monthly run',
        disputeId: null,
        reference: null,
      });
      expect(april.inputs.closedThrough).toBe('2026-03');
      expect(april.replayed).toMatchObject({ kind: 'payout', amount: -5_000, period: '2026-04' });
    });

    it('finds the source of a line whose id is not `<event id>:<n>` by its source event ids', async () => {
      const log = new LedgerLog().plan(aPlan()).adjust(rep('rep-a'), 12_000, '2026-03', MARCH(15));
      const { lines } = replayableLog(log);
      const recorded: LedgerLine = { ...lines[0], lineId: 'imported-7' };
      const answer = replayLedgerLine({
        recorded,
        events: log.events,
        tierBase: () => {
          throw new Error('no tiers');
        },
      });
      expect(answer.inputs.sourceEvent).toEqual({ id: 'e2', type: 'CommissionAdjusted', position: '2' });
      expect(answer.inputs.limits).toEqual([]);
      // The replay posts the adjustment as e2:0, not under the imported id.
      expect(answer.differences).toEqual([{ input: 'line', recorded: 'imported-7', replayed: null }]);
    });

    it('says the source was not read, and shows the recorded arithmetic, when the events do not hold it', () => {
      const log = new LedgerLog().plan(aPlan()).adjust(rep('rep-a'), 12_000, '2026-03', MARCH(15), 'credit for c9');
      const { lines } = replayableLog(log);
      const answer = replayLedgerLine({
        recorded: lines[0],
        events: [],
        tierBase: () => {
          throw new Error('no tiers');
        },
      });
      expect(answer.inputs).toMatchObject({ sourceEvent: null, decision: null, closedThrough: null });
      expect(answer.inputs.limits).toEqual(["the line's source event e2 is not in the streams read"]);
      expect(answer.steps).toEqual([
        { step: 'adjustment', detail: 'adjustment +120.00: credit for c9' },
        { step: 'posting period', detail: '2026-03, the period the adjustment names (closed through none)' },
        { step: 'line', detail: 'adjustment 120.00 to rep rep-a: adjustment +120.00: credit for c9' },
      ]);
    });
  });

  describe('the period boundary, read back from the end of the periods stream a page of 200 at a time', () => {
    /** `before` adjustments, the March run (one payout, then PeriodClosed), then `after` adjustments. */
    function periodsLog(before: number, after: number) {
      const log = new LedgerLog().plan(aPlan());
      for (let i = 0; i < before; i += 1) log.adjust(rep('rep-a'), 100, '2026-03', MARCH(10));
      log.payout('2026-03', [{ payee: rep('rep-a'), amount: 100 * before }], at('2026-04-01'));
      for (let i = 0; i < after; i += 1) log.adjust(rep('rep-a'), 100, '2026-04', at('2026-04-10'));
      return log;
    }

    it('stops at the page holding the last close before the line', async () => {
      // Periods stream: 51 adjustments (revisions 0-50), the payout (51), PeriodClosed (52), 399 adjustments
      // (53-451): 452 events. The last adjustment (e453, at position 453) reads 451-252, then 251-52, which holds
      // the close: 400 events, two reads.
      const log = periodsLog(51, 399);
      const { sources } = replayableLog(log);
      const { counted, calls } = counting(sources);
      const answer = await replayLine(counted, 'e453:0');
      expect(answer?.identical).toBe(true);
      expect(answer?.inputs.closedThrough).toBe('2026-03');
      expect(answer?.reads.streams).toEqual([{ streamId: 'commission-periods', events: 400 }]);
      expect(calls).toEqual([
        { streamId: 'commission-periods', options: { direction: 'backwards', fromRevision: undefined, maxCount: 200 } },
        { streamId: 'commission-periods', options: { direction: 'backwards', fromRevision: 251n, maxCount: 200 } },
      ]);
    });

    it('reads on to the start of the stream when no close comes before the line', async () => {
      // 399 adjustments, the payout and PeriodClosed (revisions 399, 400): 401 events. Replaying the first
      // adjustment (e2, position 2), no close is before it: 200, 200, then the last 1 (a short page).
      const log = periodsLog(399, 0);
      const { sources } = replayableLog(log);
      const { counted, calls } = counting(sources);
      const answer = await replayLine(counted, 'e2:0');
      expect(answer?.identical).toBe(true);
      expect(answer?.reads.streams).toEqual([{ streamId: 'commission-periods', events: 401 }]);
      expect(calls.map((c) => c.options?.fromRevision)).toEqual([undefined, 200n, 0n]);
    });

    it('stops at a short page: the start of the stream, even where its first revision is not 0', async () => {
      // A stream whose events before revision 5 were truncated away: one page of 3 events, 7 down to 5.
      const log = new LedgerLog().plan(aPlan()).adjust(rep('rep-a'), 100, '2026-03', MARCH(10));
      const { sources } = replayableLog(log);
      const adjusted = log.events[1];
      const page = [7n, 6n, 5n].map((revision) => ({ ...adjusted, streamId: 'commission-periods', revision }));
      const { counted, calls } = counting({
        ...sources,
        store: {
          readStream: (streamId, options) =>
            streamId === 'commission-periods'
              ? Promise.resolve(options?.fromRevision === undefined ? page : [])
              : sources.store.readStream(streamId, options),
        },
      });
      const answer = await replayLine(counted, 'e2:0');
      expect(answer?.reads.streams).toEqual([{ streamId: 'commission-periods', events: 3 }]);
      expect(calls).toHaveLength(1);
    });

    it('does not read past revision 0 when the last full page ends there', async () => {
      // 198 adjustments, the payout and PeriodClosed: exactly 200 events, one full page down to revision 0.
      const log = periodsLog(198, 0);
      const { sources } = replayableLog(log);
      const { counted, calls } = counting(sources);
      const answer = await replayLine(counted, 'e2:0');
      expect(answer?.reads.streams).toEqual([{ streamId: 'commission-periods', events: 200 }]);
      expect(calls).toHaveLength(1);
    });
  });

  it('replays from the events given in any order, each once', () => {
    const log = withC1().sale(sale('s1', 800_000, MARCH(2)));
    const { lines, sources } = replayableLog(log);
    const shuffled: StoredEvent[] = [...log.events].reverse().concat(log.events.slice(0, 2));
    const answer = replayLedgerLine({ recorded: lines[0], events: shuffled, tierBase: ledgerTierBase(sources.ledger) });
    expect(answer.identical).toBe(true);
    // 8,000.00 x 5% = 400.00.
    expect(answer.replayed?.amount).toBe(40_000);
  });
});
