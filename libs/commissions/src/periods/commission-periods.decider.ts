import {
  type Decider,
  type Decision,
  type Refusal,
  assertNever,
  isKnownCurrency,
  isRefusal,
  refuse,
} from '@leadledger/kernel';
import { type PeriodCalendar, isPeriodId, nextPeriod, periodOf, postingPeriod } from '../plan/commission-periods';
import type {
  CommissionAdjusted,
  CommissionPaidOut,
  CommissionPeriodsEvent,
  Payee,
  PeriodClosed,
} from './commission-periods.events';

/** Pays each payee's due balance through `period`, as read from the ledger at `ledgerPosition`, and closes it. */
export interface RunPayout {
  readonly type: 'RunPayout';
  readonly payoutRunId: string;
  readonly period: string;
  readonly calendar: PeriodCalendar;
  readonly payouts: readonly { readonly payee: Payee; readonly currency: string; readonly amount: number }[];
  readonly ledgerPosition: string;
  readonly at: string;
}

/** A manual correction of a payee's balance; with no period named it goes to the current open one. */
export interface AdjustCommission {
  readonly type: 'AdjustCommission';
  readonly adjustmentId: string;
  readonly payee: Payee;
  readonly currency: string;
  readonly amount: number;
  readonly period: string | null;
  readonly calendar: PeriodCalendar;
  /** The currencies the published plan versions pay in: an adjustment in another would be paid with no plan behind it. */
  readonly planCurrencies: readonly string[];
  readonly reason: string;
  readonly reference: string | null;
  readonly at: string;
  /** The dispute this adjustment remedies, recorded on the event when given. */
  readonly disputeId?: string;
}

export type CommissionPeriodsCommand = RunPayout | AdjustCommission;

export interface CommissionPeriodsState {
  /** The latest closed period; it and every earlier one are closed for good. */
  readonly closedThrough: string | null;
  readonly runs: readonly { readonly payoutRunId: string; readonly period: string }[];
  /** The latest adjustments, oldest first, at most RECENT_ADJUSTMENTS: what a repeat is recognised by. */
  readonly recentAdjustments: readonly CommissionAdjusted['data'][];
}

/**
 * How many of the latest adjustments a repeated adjustment id is recognised among (answered
 * as the one recorded, writing nothing). A retry comes seconds or minutes after its first try,
 * and a dispute's remedy looks for its own adjustments on the stream before posting them; a
 * bound keeps each adjustment's cost the same however many were posted before it.
 */
export const RECENT_ADJUSTMENTS = 1000;

// `runs` is read only by a refused rerun, to find the run at or after its period: an entry
// without a period never matches, so the `["Stryker was here"]` mutant of `runs: []` is equivalent.
export const initialCommissionPeriodsState: CommissionPeriodsState = {
  closedThrough: null,
  runs: [],
  recentAdjustments: [],
};

export function evolveCommissionPeriods(
  state: CommissionPeriodsState,
  event: CommissionPeriodsEvent,
): CommissionPeriodsState {
  switch (event.type) {
    case 'CommissionAdjusted': {
      const { recentAdjustments } = state;
      const kept = recentAdjustments.length < RECENT_ADJUSTMENTS ? recentAdjustments : recentAdjustments.slice(1);
      return { ...state, recentAdjustments: [...kept, event.data] };
    }
    case 'CommissionPaidOut':
      return state;
    case 'PeriodClosed': {
      const { payoutRunId, period } = event.data;
      // A string never compares greater than null (`null > p` is false), so `!== null` as `true` and `>` as
      // `>=` (equal periods give the same one) are equivalent mutants.
      const closedThrough = state.closedThrough !== null && state.closedThrough > period ? state.closedThrough : period;
      return { ...state, closedThrough, runs: [...state.runs, { payoutRunId, period }] };
    }
    default:
      return assertNever(event);
  }
}

const isInstant = (at: string): boolean => !Number.isNaN(Date.parse(at));

/** Refuses a period id that is not one of the calendar's. */
function invalidPeriod(period: string, { periodLength }: PeriodCalendar): Refusal | null {
  if (isPeriodId(period, periodLength)) return null;
  const example = periodLength === 'month' ? '2026-11' : '2026-Q4';
  return refuse('InvalidPeriod', `Not a ${periodLength} such as ${example}`, { period, periodLength });
}

/** Refuses a calendar other than the one periods were closed on: its periods would not compare. */
function otherCalendar({ periodLength }: PeriodCalendar, closedThrough: string | null): Refusal | null {
  if (closedThrough === null || isPeriodId(closedThrough, periodLength)) return null;
  return refuse('PeriodCalendarChanged', `Periods were closed on another calendar than ${periodLength}s`, {
    closedThrough,
    periodLength,
  });
}

/** The first payout that is not a positive safe integer in a known currency, or paid twice in the run. */
function invalidPayout(payouts: RunPayout['payouts']): Refusal | null {
  const seen = new Set<string>();
  for (const [index, { payee, currency, amount }] of payouts.entries()) {
    const key = JSON.stringify([payee.kind, payee.id, currency]);
    let problem: string | null = null;
    if (!Number.isSafeInteger(amount) || amount <= 0)
      problem = 'the amount is not a positive whole number of minor units';
    else if (!isKnownCurrency(currency)) problem = 'the currency is unknown';
    else if (seen.has(key)) problem = 'the payee is paid twice in this currency';
    if (problem) return refuse('InvalidPayout', `Payout ${index}: ${problem}`, { index, payee, currency, amount });
    seen.add(key);
  }
  return null;
}

/** Per currency, sorted by currency; refuses a total beyond the safe integers rather than rounding it. */
function totalsOf(payouts: RunPayout['payouts']): PeriodClosed['data']['totals'] | Refusal {
  const sums = new Map<string, bigint>();
  // Currencies are distinct keys and V8's sort asks only whether a comparison is negative:
  // `a < b` as `a <= b` and the four mutants of `a > b ? 1 : 0` are equivalent.
  for (const { currency, amount } of payouts) sums.set(currency, (sums.get(currency) ?? 0n) + BigInt(amount));
  const totals = [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const unsafe = totals.find(([, sum]) => sum > BigInt(Number.MAX_SAFE_INTEGER));
  if (unsafe) return refuse('InvalidPayout', `The ${unsafe[0]} total is too large`, { currency: unsafe[0] });
  return totals.map(([currency, sum]) => ({ currency, amount: Number(sum) }));
}

function runPayout(command: RunPayout, state: CommissionPeriodsState): Decision<CommissionPeriodsEvent> {
  const { payoutRunId, period, calendar, payouts, ledgerPosition, at } = command;
  const { closedThrough } = state;
  const refusal = invalidPeriod(period, calendar) ?? otherCalendar(calendar, closedThrough);
  if (refusal) return refusal;
  // `closedThrough !== null` below narrows the type: a period is never `<=` null, so its `true` mutant is equivalent.
  if (!isInstant(at)) return refuse('InvalidTime', 'The time is not an ISO 8601 instant', { at });
  const currentPeriod = periodOf(at, calendar);
  if (currentPeriod <= period)
    return refuse('PeriodNotEnded', 'A period is paid out only once it has ended', { period, currentPeriod });
  if (closedThrough !== null && period <= closedThrough) {
    // closedThrough is set only by a PeriodClosed, which also adds its run, so `closedBy` is always found:
    // `closedBy.payoutRunId` without `?.` is an equivalent mutant.
    const closedBy = state.runs.find((run) => run.period >= period);
    return refuse('PeriodAlreadyClosed', `${period} is already closed`, {
      period,
      closedThrough,
      payoutRunId: closedBy?.payoutRunId ?? null,
    });
  }
  const invalid = invalidPayout(payouts);
  if (invalid) return invalid;
  const totals = totalsOf(payouts);
  if (isRefusal(totals)) return totals;
  const paidOut = payouts.map(({ payee, currency, amount }): CommissionPaidOut => ({
    type: 'CommissionPaidOut',
    data: { payoutRunId, period, payee, currency, amount },
  }));
  const payeesPaid = new Set(payouts.map(({ payee }) => JSON.stringify([payee.kind, payee.id]))).size;
  const closed: PeriodClosed = {
    type: 'PeriodClosed',
    data: { payoutRunId, period, ledgerPosition, payeesPaid, totals },
  };
  return [...paidOut, closed];
}

/** The adjustment recorded under this id among the recent ones, or undefined. */
export const recordedAdjustment = (
  state: CommissionPeriodsState,
  adjustmentId: string,
): CommissionAdjusted['data'] | undefined =>
  state.recentAdjustments.find((recorded) => recorded.adjustmentId === adjustmentId);

/** An adjustment a dispute posted names it; one made by hand carries no disputeId field at all. */
const disputeOf = ({ disputeId }: AdjustCommission) => (disputeId === undefined ? {} : { disputeId });

function adjust(command: AdjustCommission, state: CommissionPeriodsState): Decision<CommissionPeriodsEvent> {
  const { adjustmentId, payee, currency, amount, calendar, reason, reference, at } = command;
  if (recordedAdjustment(state, adjustmentId)) return [];
  if (reason.trim() === '') return refuse('ReasonRequired', 'An adjustment needs a reason');
  if (!Number.isSafeInteger(amount) || amount === 0)
    return refuse('InvalidAmount', 'The amount must be a non-zero whole number of minor units', { amount });
  if (!isKnownCurrency(currency)) return refuse('UnknownCurrency', `Unknown currency ${currency}`, { currency });
  if (!command.planCurrencies.includes(currency))
    return refuse('CurrencyNotInPlan', `No published plan pays in ${currency}`, {
      currency,
      planCurrencies: command.planCurrencies,
    });
  if (!isInstant(at)) return refuse('InvalidTime', 'The time is not an ISO 8601 instant', { at });
  const { closedThrough } = state;
  const named = command.period;
  const refusal = (named === null ? null : invalidPeriod(named, calendar)) ?? otherCalendar(calendar, closedThrough);
  if (refusal) return refusal;
  // The null checks narrow the types: a period and null are never `<=` either way, so dropping either
  // (`true`, or `||` for the first `&&`) is an equivalent mutant.
  if (named !== null && closedThrough !== null && named <= closedThrough)
    return refuse('PeriodClosed', `${named} is closed; post the adjustment to an open period`, {
      period: named,
      closedThrough,
      earliestOpenPeriod: nextPeriod(closedThrough),
    });
  const period = named ?? postingPeriod(periodOf(at, calendar), closedThrough);
  const adjusted: CommissionAdjusted = {
    type: 'CommissionAdjusted',
    data: { adjustmentId, payee, currency, amount, period, reason: reason.trim(), reference, ...disputeOf(command) },
  };
  return [adjusted];
}

/** Payout runs and adjustments on one stream: an adjustment always lands in a period that is still open. */
export const commissionPeriodsDecider: Decider<
  CommissionPeriodsCommand,
  CommissionPeriodsState,
  CommissionPeriodsEvent
> = {
  initialState: initialCommissionPeriodsState,
  decide(command, state) {
    switch (command.type) {
      case 'RunPayout':
        return runPayout(command, state);
      case 'AdjustCommission':
        return adjust(command, state);
      default:
        return assertNever(command);
    }
  },
  evolve: evolveCommissionPeriods,
};
