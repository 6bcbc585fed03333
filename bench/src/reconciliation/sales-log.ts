import {
  COMMISSION_PERIODS_STREAM,
  type CommissionPlan,
  PLAN_BOOK_STREAM,
  commissionPeriodsDecider,
  planBookDecider,
} from '@leadledger/commissions';
import { customerDecider, customerStreamId } from '@leadledger/customers';
import type { CommandContext, EventStore } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { repDecider, repStreamId } from '@leadledger/leads';
import { saleDecider, saleStreamId } from '@leadledger/sales';
import { recordSale } from '@leadledger/workflows';
import { CommissionBooks } from '../../../apps/engine/src/commissions/commissions.handlers';
import { mustAccept } from '../must-accept';

const REPS = 20;
/** Each customer buys about four times: some sales are new-customer, the later ones existing. */
const SALES_PER_CUSTOMER = 4;
/** Sales written at once: different streams, so they never race each other. */
const CONCURRENCY = 8;
const TZ = '+08:00';

export const BENCH_PLAN: CommissionPlan = {
  planId: 'bench-plan',
  version: 1,
  effectiveFrom: `2025-01-01T00:00:00${TZ}`,
  currency: 'CNY',
  periodLength: 'month',
  timeZone: 'Asia/Shanghai',
  basis: 'collected',
  ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
  amountBase: 'revenue',
  flatPerSaleMinor: null,
  newCustomerWindowDays: 90,
  finderShareBps: 3000,
  tiers: [{ aboveMinor: 50_000_000, multiplierBps: 15_000 }],
  capPerSaleMinor: null,
  clawbackWindowDays: 60,
  rounding: 'half-up',
  minimumPerSaleMinor: null,
  partnerFee: null,
};

const repId = (n: number) => `rep-${String(n % REPS).padStart(2, '0')}`;
const dayOf = (period: string, day: number, hour: number) =>
  `${period}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00${TZ}`;
const context = (occurredAt: string, id: string): CommandContext => ({
  actorId: 'bench',
  actorRole: 'admin',
  occurredAt,
  correlationId: id,
});

/** Every command of the sales log must be accepted: the log is the bench's own making. */
const apply = mustAccept((streamId) => `${streamId} refused`);

/**
 * A year of business written as domain commands straight to the engine's store: the plan,
 * reps, customers with owners, sales with one or two payments, a few refunds, and each
 * month's payout run from the ledger's due balances.
 */
export class SalesLog {
  private written = 0;
  private customers = 0;

  constructor(
    private readonly store: EventStore,
    private readonly books: CommissionBooks,
  ) {}

  async start(expectedSales: number): Promise<void> {
    const at = `2024-12-01T09:00:00${TZ}`;
    await apply(
      this.store,
      PLAN_BOOK_STREAM,
      planBookDecider,
      { type: 'PublishPlanVersion', plan: BENCH_PLAN, at, decided: { closedThrough: null, latestAccrual: null } },
      context(at, 'plan'),
    );
    for (let n = 0; n < REPS; n++) {
      const command = {
        kind: 'RegisterRep',
        repId: repId(n),
        name: `Rep ${n}`,
        email: `rep${n}@example.cn`,
        team: 'bench',
      } as const;
      await apply(this.store, repStreamId(repId(n)), repDecider, command, context(at, `rep-${n}`));
    }
    this.customers = Math.max(1, Math.ceil(expectedSales / SALES_PER_CUSTOMER));
    await this.inChunks(this.customers, (k) => this.registerCustomer(k));
  }

  /** `count` sales closing in `period` (days 1-25), each with its payments and, for one in fifty, a refund. */
  async month(period: string, count: number): Promise<void> {
    await this.inChunks(count, () => this.sale(period, this.written++));
  }

  /** Pays each payee's positive due balance through `period` and closes it, the way a payout run does. */
  async payOut(period: string, nextPeriod: string): Promise<void> {
    const { ledgerPosition, payouts } = await this.books.duePayouts(period);
    const at = dayOf(nextPeriod, 2, 10);
    const command = {
      type: 'RunPayout',
      payoutRunId: `payout-${period}`,
      period,
      calendar: { periodLength: BENCH_PLAN.periodLength, timeZone: BENCH_PLAN.timeZone },
      payouts,
      ledgerPosition,
      at,
    } as const;
    await apply(this.store, COMMISSION_PERIODS_STREAM, commissionPeriodsDecider, command, context(at, `run-${period}`));
  }

  private async registerCustomer(k: number): Promise<void> {
    const at = dayOf('2025-01', 1, 8);
    const walkIn = k % 3 === 0;
    const command = {
      kind: 'RegisterCustomer',
      customerId: `cust-${k}`,
      keys: [{ kind: 'phone', value: `+86139${String(k).padStart(8, '0')}` }],
      leadId: `lead-${k}`,
      channel: walkIn ? 'walk-in' : 'rep-sourced',
      finderRepId: repId(k),
      at,
      owner: {
        repId: repId(walkIn ? k + 1 : k),
        via: walkIn ? 'received-walk-in' : 'rep-sourced',
        reason: 'bench',
        protectionDays: 365,
        warningDays: 7,
      },
    } as const;
    await apply(this.store, customerStreamId(`cust-${k}`), customerDecider, command, context(at, `cust-${k}`));
  }

  private async sale(period: string, i: number): Promise<void> {
    const saleId = `sale-${i}`;
    const day = 1 + (i % 25);
    const amount = 100_000 + ((i * 7_919) % 19_000) * 100;
    const closedAt = dayOf(period, day, 10);
    const customerId = `cust-${i % this.customers}`;
    const recorded = await recordSale(
      this.store,
      {
        saleId,
        externalId: saleId,
        customerId,
        amount,
        cost: null,
        currency: 'CNY',
        closedAt,
        closingRepId: repId(i),
        leadId: null,
        at: closedAt,
      },
      { saleRequiresLead: false },
      context(closedAt, saleId),
    );
    if (isRefusal(recorded)) throw new Error(`sale ${saleId} refused: ${recorded.code} ${recorded.message}`);
    const first = Math.round(amount * 0.6);
    await this.pay(saleId, `${saleId}-p1`, first, dayOf(period, day, 15));
    if (i % 10 < 7) await this.pay(saleId, `${saleId}-p2`, amount - first, dayOf(period, day + 2, 11));
    if (i % 50 === 0) {
      const refundedAt = dayOf(period, day + 3, 16);
      const command = {
        type: 'RecordRefund',
        saleId,
        refundId: `${saleId}-r1`,
        externalId: `${saleId}-r1`,
        amount: Math.round(amount / 10),
        currency: 'CNY',
        refundedAt,
        reason: 'returned goods',
        at: refundedAt,
      } as const;
      await apply(this.store, saleStreamId(saleId), saleDecider, command, context(refundedAt, `${saleId}-r1`));
    }
  }

  private async pay(saleId: string, paymentId: string, amount: number, receivedAt: string): Promise<void> {
    const command = {
      type: 'RecordPayment',
      saleId,
      paymentId,
      externalId: paymentId,
      amount,
      currency: 'CNY',
      receivedAt,
      at: receivedAt,
    } as const;
    await apply(this.store, saleStreamId(saleId), saleDecider, command, context(receivedAt, paymentId));
  }

  private async inChunks(count: number, work: (k: number) => Promise<void>): Promise<void> {
    for (let start = 0; start < count; start += CONCURRENCY) {
      const chunk = Array.from({ length: Math.min(CONCURRENCY, count - start) }, (_, j) => work(start + j));
      await Promise.all(chunk);
    }
  }
}
