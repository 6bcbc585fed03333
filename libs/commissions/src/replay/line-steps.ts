import { DAY_MS } from '@leadledger/customers';
import { BPS_SCALE, formatBps, formatMinor, formatMultiplier, prorate } from '@leadledger/kernel';
import type { SaleBook, Track } from '../engine/commission-book';
import type { LedgerLine } from '../engine/ledger-line';
import { commissionBase } from '../engine/sale-commission';
import type { TierBaseReading } from './line-replay';

/** One step of a line's arithmetic, in words and figures. */
export interface ReplayStep {
  readonly step: string;
  readonly detail: string;
}

export interface StepsInput {
  readonly line: LedgerLine;
  /** The sale as the ledger held it before the source event, and after it; null for adjustments and payouts. */
  readonly before: SaleBook | null;
  readonly after: SaleBook | null;
  readonly tier: TierBaseReading | null;
  readonly closedThrough: string | null;
}

/**
 * The line's arithmetic step by step: plan, attribution, base, rate, tier, cap, split, flat
 * amount, minimum, partner fee, clawback window and posting period, each where it applies.
 */
export function replaySteps({ line, before, after, tier, closedThrough }: StepsInput): ReplayStep[] {
  const steps: ReplayStep[] = [];
  const add = (step: string, detail: string) => steps.push({ step, detail });
  const money = (amount: number) => formatMinor(amount, line.currency);
  if (after) {
    const { plan, attribution, sale } = after;
    add(
      'plan',
      `${plan.planId} v${plan.version}, in effect from ${plan.effectiveFrom}: ${plan.basis} basis on ${plan.amountBase}, rounding ${plan.rounding}`,
    );
    add(
      'attribution',
      `${attribution.attributionClass}, credited to ${attribution.creditedRepId}: ${attribution.explanation.join('; ')}`,
    );
    const partner = line.role === 'partner';
    const track: Track | null = partner ? after.partner : after.rate;
    const was: Track | null = partner ? (before?.partner ?? null) : (before?.rate ?? null);
    const coverFrom = was?.cover ?? 0;
    // A partner line comes from the partner track, so `track` is never null here: `track.cover` is equivalent.
    const coverTo = track?.cover ?? 0;
    if (line.kind === 'accrual' && line.rule === 'rate') {
      const full = commissionBase(after);
      // As in the engine (accrueRate), an unknown rule rounds toward zero as 'down' does: the "" mutants are equivalent.
      const from = prorate(full, coverFrom, sale.amount, 'down');
      const to = prorate(full, coverTo, sale.amount, 'down');
      add(
        'base',
        `${plan.amountBase} ${money(full)} of the ${money(sale.amount)} sale; the ${plan.basis} basis covers ${money(coverFrom)} -> ${money(coverTo)}, so this event credits ${money(full)} x ${money(coverTo)} / ${money(sale.amount)} - ${money(from)} = ${money(to - from)}`,
      );
      add('rate', `${attribution.attributionClass} rate ${formatBps(line.rateBps ?? 0)}`);
      if (tier)
        add(
          'tier',
          `${tier.repId} had ${money(tier.base)} credited in ${tier.period} before this event (${tier.setAtPosition === null ? 'nothing earlier' : `as the event at position ${tier.setAtPosition} left it`}, from the ledger's tier history), ${money(tier.base + to - from)} after it; tiers ${plan.tiers.map((t) => `above ${money(t.aboveMinor)} x${formatMultiplier(t.multiplierBps)}`).join(', ')}; this part of ${money(line.base ?? 0)} is paid at x${formatMultiplier(line.multiplierBps ?? BPS_SCALE)}`,
        );
      else add('tier', `x${formatMultiplier(line.multiplierBps ?? BPS_SCALE)}: the plan has no tiers`);
    }
    if (line.kind === 'accrual' && line.rule === 'partner-fee' && plan.partnerFee)
      add(
        'partner fee',
        `${formatBps(plan.partnerFee.shareBps)} of the ${plan.partnerFee.basis} amount ${money(coverTo)} - ${money(coverFrom)} already paid on = ${money(line.base ?? 0)}, to ${line.payee.id}`,
      );
    if (line.note?.includes('cap per sale'))
      add('cap', `capped at ${money(plan.capPerSaleMinor ?? 0)} per sale (rate, flat and minimum together)`);
    if (line.kind === 'accrual' && line.rule === 'flat')
      add('flat', `flat ${money(plan.flatPerSaleMinor ?? 0)} per sale, to the credited rep alone`);
    if (line.kind === 'accrual' && line.rule === 'minimum')
      add('minimum', `the sale is fully credited: ${line.arithmetic}`);
    if (line.kind === 'clawback') {
      const days = (Date.parse(line.occurredAt) - Date.parse(sale.closedAt)) / DAY_MS;
      add(
        'clawback window',
        `${line.occurredAt} is ${days.toFixed(2)} days after closedAt ${sale.closedAt}, within the ${plan.clawbackWindowDays}-day window; cover fell ${money(coverFrom)} -> ${money(coverTo)}, so each standing accrual is clawed back by ${money(coverFrom - coverTo)} / ${money(coverFrom)}`,
      );
    }
    if (line.role === 'owner' || line.role === 'finder') {
      const undivided = line.undividedAmount ?? line.amount;
      const split = undivided !== line.amount || line.role === 'finder';
      add(
        'split',
        split
          ? `finder ${attribution.finderRepId} gets ${formatBps(plan.finderShareBps)} of ${money(undivided)} rounded toward zero, owner ${attribution.creditedRepId} the rest; this ${line.role} part = ${money(line.amount)}`
          : `not split: ${line.rule === 'flat' ? 'the flat amount is the credited rep’s alone' : attribution.finderRepId === null || attribution.finderRepId === attribution.creditedRepId ? 'the finder is the owner or there is none' : `the plan gives the finder ${formatBps(plan.finderShareBps)}`}`,
      );
    }
  }
  if (line.kind === 'adjustment' || line.kind === 'payout') add(line.kind, line.arithmetic);
  const natural =
    line.kind === 'payout'
      ? `${line.period}, the run's period`
      : line.kind === 'adjustment'
        ? `${line.naturalPeriod}, the period the adjustment names`
        : `${line.naturalPeriod}, the period of ${line.occurredAt} on the plan calendar`;
  add(
    'posting period',
    line.period === line.naturalPeriod
      ? `${natural} (closed through ${closedThrough ?? 'none'})`
      : `${natural}, was closed (closed through ${closedThrough}): posted to ${line.period}, the earliest open period`,
  );
  add('line', `${line.kind} ${money(line.amount)} to ${line.payee.kind} ${line.payee.id}: ${line.arithmetic}`);
  return steps;
}
