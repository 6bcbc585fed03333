import { type Refusal, refuse } from '@leadledger/kernel';
import { type PeriodCalendar, periodOf } from '../plan/commission-periods';

/** What a change dated in the past is checked against: the clock's now and the commission periods closed so far. */
export interface BackdatingFacts {
  readonly now: string;
  /** The latest closed commission period, or null. */
  readonly closedThrough: string | null;
  /** The plans' period calendar; null before any plan is published (then nothing can be closed). */
  readonly calendar: PeriodCalendar | null;
}

/**
 * A change of owner (transfer, departure, claim, release, follow-up) may be dated in the
 * past so history can be loaded as it happened, but never in the future and never inside
 * a closed commission period, whose lines are settled. Null when `effectiveAt` is allowed.
 * (That it is not before the customer's latest change is the customer decider's own rule.)
 */
export function backdatingRefusal(
  effectiveAt: string,
  { now, closedThrough, calendar }: BackdatingFacts,
): Refusal | null {
  if (Number.isNaN(Date.parse(effectiveAt)))
    return refuse('InvalidTime', 'effectiveAt is not an ISO 8601 instant', { effectiveAt });
  if (Date.parse(effectiveAt) > Date.parse(now))
    return refuse('EffectiveAtInFuture', 'A change may be dated in the past, never in the future', {
      effectiveAt,
      now,
    });
  // Periods are closed only on a plan's calendar, so a calendar is never null once one is: `calendar === null`
  // as `false` is an equivalent mutant.
  if (closedThrough === null || calendar === null) return null;
  const period = periodOf(effectiveAt, calendar);
  if (period > closedThrough) return null;
  return refuse('EffectiveAtInClosedPeriod', `Commission period ${period} is closed; date the change after it`, {
    effectiveAt,
    period,
    closedThrough,
  });
}

/**
 * A change of owner dated at or before a sale of the customer already on record would change who
 * owned it when the sale closed, and so who was credited: that was decided when the sale was
 * recorded. Load ownership history before the sales it governs (a dispute's remedy moves the
 * credit by adjustments instead). Null when no such sale is recorded.
 */
export function recordedSaleRefusal(
  effectiveAt: string,
  sale: { readonly saleId: string; readonly externalId: string; readonly closedAt: string } | null,
): Refusal | null {
  if (sale === null) return null;
  return refuse(
    'EffectiveAtBeforeRecordedSale',
    'A sale of this customer closed at or after this time is recorded; its credit was decided by the owner then',
    { effectiveAt, saleId: sale.saleId, externalId: sale.externalId, closedAt: sale.closedAt },
  );
}
