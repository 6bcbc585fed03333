import type { StoredEvent } from '@leadledger/event-store';
import type { LeadChannel } from '@leadledger/leads';
import type { Payee } from '../periods/commission-periods.events';
import type { CommissionPlan } from '../plan/commission-plan';
import { applyToLedger } from './ledger-engine';
import type { LedgerLine } from './ledger-line';
import { MemoryBook } from './memory-book';

/** A plain plan: booked, 8% / 5% / 3% by class, 90-day window and clawback window, half-up. */
export function aPlan(overrides: Partial<CommissionPlan> = {}): CommissionPlan {
  return {
    planId: 'standard',
    version: 1,
    effectiveFrom: '2026-01-01T00:00:00+08:00',
    currency: 'CNY',
    periodLength: 'month',
    timeZone: 'Asia/Shanghai',
    basis: 'booked',
    ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 500, existing: 300 },
    amountBase: 'revenue',
    flatPerSaleMinor: null,
    newCustomerWindowDays: 90,
    finderShareBps: 0,
    tiers: [],
    capPerSaleMinor: null,
    clawbackWindowDays: 90,
    rounding: 'half-up',
    minimumPerSaleMinor: null,
    partnerFee: null,
    ...overrides,
  };
}

interface SaleInput {
  readonly saleId: string;
  readonly customerId: string;
  readonly amount: number;
  readonly closedAt: string;
  readonly closingRepId: string;
  readonly cost?: number | null;
  readonly leadId?: string | null;
  readonly plan?: { planId: string; version: number };
}

/** Writes a log the way the engine's commands would, with ids e1, e2, ... and positions 1, 2, ... */
export class LedgerLog {
  readonly events: StoredEvent[] = [];
  private readonly collected = new Map<string, number>();
  private readonly refunded = new Map<string, number>();

  private append(type: string, data: object, occurredAt: string): this {
    const n = this.events.length + 1;
    this.events.push({
      id: `e${n}`,
      type,
      streamId: 'test',
      revision: BigInt(n - 1),
      position: BigInt(n),
      data: data as StoredEvent['data'],
      metadata: {
        actorId: 'test',
        actorRole: 'admin',
        reason: null,
        occurredAt,
        recordedAt: occurredAt,
        correlationId: `c${n}`,
        causationId: null,
        idempotencyKey: null,
        schemaVersion: 1,
      },
    });
    return this;
  }

  plan(plan: CommissionPlan): this {
    return this.append('CommissionPlanPublished', { plan }, plan.effectiveFrom);
  }

  /** A customer whose first lead came by `channel`, received (or sourced) by `finder`, and owned by `owner` from `at`. */
  customer(c: {
    customerId: string;
    channel: LeadChannel;
    finder: string | null;
    owner: string | null;
    at: string;
    leadId?: string;
    referralPartnerId?: string | null;
  }): this {
    const leadId = c.leadId ?? `lead-${c.customerId}`;
    this.append(
      'LeadReceived',
      {
        leadId,
        channel: c.channel,
        contact: { name: null, phone: null, email: null, company: null },
        identityKeys: [],
        externalId: null,
        receivedBy: c.finder,
        referralPartnerId: c.referralPartnerId ?? null,
        poolId: null,
      },
      c.at,
    );
    this.append(
      'CustomerRegistered',
      {
        customerId: c.customerId,
        keys: [],
        firstLeadId: leadId,
        firstLeadChannel: c.channel,
        finderRepId: c.finder,
        registeredAt: c.at,
      },
      c.at,
    );
    return c.owner ? this.owner(c.customerId, c.owner, c.at) : this;
  }

  owner(customerId: string, repId: string, since: string): this {
    return this.append(
      'OwnershipAssigned',
      {
        customerId,
        repId,
        via: 'transfer',
        reason: 'test',
        leadId: null,
        byActorId: null,
        since,
        protectedUntil: since,
        protectionDays: 30,
        warningDays: 3,
      },
      since,
    );
  }

  release(customerId: string, repId: string, at: string): this {
    return this.append('CustomerReleased', { customerId, repId, reason: 'protection-expired', at }, at);
  }

  sale(s: SaleInput): this {
    return this.append(
      'SaleRecorded',
      {
        saleId: s.saleId,
        externalId: s.saleId,
        customerId: s.customerId,
        amount: s.amount,
        cost: s.cost ?? null,
        currency: 'CNY',
        closedAt: s.closedAt,
        closingRepId: s.closingRepId,
        leadId: s.leadId ?? null,
        plan: s.plan ?? { planId: 'standard', version: 1 },
      },
      s.closedAt,
    );
  }

  payment(saleId: string, amount: number, receivedAt: string): this {
    const collectedTotal = (this.collected.get(saleId) ?? 0) + amount;
    this.collected.set(saleId, collectedTotal);
    const paymentId = `pay-${this.events.length + 1}`;
    const data = { saleId, paymentId, externalId: paymentId, amount, receivedAt, collectedTotal };
    return this.append('PaymentReceived', data, receivedAt);
  }

  refund(saleId: string, amount: number, refundedAt: string): this {
    const refundedTotal = (this.refunded.get(saleId) ?? 0) + amount;
    this.refunded.set(saleId, refundedTotal);
    const refundId = `refund-${this.events.length + 1}`;
    const data = { saleId, refundId, externalId: refundId, amount, refundedAt, reason: 'returned', refundedTotal };
    return this.append('SaleRefunded', data, refundedAt);
  }

  cancel(saleId: string, amount: number, cancelledAt: string): this {
    return this.append('SaleCancelled', { saleId, amount, cancelledAt, reason: 'void' }, cancelledAt);
  }

  adjust(payee: Payee, amount: number, period: string, at: string, reason = 'correction'): this {
    const adjustmentId = `adj-${this.events.length + 1}`;
    const data = { adjustmentId, payee, currency: 'CNY', amount, period, reason, reference: null };
    return this.append('CommissionAdjusted', data, at);
  }

  payout(period: string, payouts: readonly { payee: Payee; amount: number }[], at: string): this {
    const payoutRunId = `run-${period}`;
    for (const p of payouts)
      this.append('CommissionPaidOut', { payoutRunId, period, payee: p.payee, currency: 'CNY', amount: p.amount }, at);
    const total = payouts.reduce((sum, p) => sum + p.amount, 0);
    const data = {
      payoutRunId,
      period,
      ledgerPosition: String(this.events.length),
      payeesPaid: payouts.length,
      totals: [{ currency: 'CNY', amount: total }],
    };
    return this.append('PeriodClosed', data, at);
  }
}

/** Runs a log through the engine in memory and returns every line it posted. */
export function ledgerOf(log: LedgerLog): LedgerLine[] {
  const book = new MemoryBook();
  for (const event of log.events) applyToLedger(book, event);
  return book.lines;
}

export const rep = (id: string): Payee => ({ kind: 'rep', id });
