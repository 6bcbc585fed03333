import { type Decider, type Decision, type Refusal, assertNever, refuse } from '@leadledger/kernel';
import { periodOf } from './commission-periods';
import type { CommissionPlan } from './commission-plan';
import type { PlanBookEvent } from './plan-book.events';

/** The latest accrued ledger line from the plan's first period on, as the ledger had it when the command was made. */
export interface AccruedLineFact {
  readonly lineId: string;
  readonly saleId: string | null;
  /** The line's business time (the sale's closedAt, the payment's receivedAt). */
  readonly occurredAt: string;
  readonly period: string;
}

/**
 * What is already decided outside the plan book, read by the handler and carried on the
 * command so the decider stays pure: the latest closed period (commission-periods stream)
 * and the latest accrued line from the new version's first period on (the ledger).
 */
export interface DecidedHistory {
  readonly closedThrough: string | null;
  readonly latestAccrual: AccruedLineFact | null;
}

/** Publishes one version of a plan; `at` is when it is published, from the clock at the edge. */
export interface PublishPlanVersion {
  readonly type: 'PublishPlanVersion';
  readonly plan: CommissionPlan;
  readonly at: string;
  readonly decided: DecidedHistory;
}

export type PlanBookCommand = PublishPlanVersion;

/** Every published plan version, in the order it was published (so also by effectiveFrom). */
export interface PlanBookState {
  readonly plans: readonly CommissionPlan[];
}

export const initialPlanBookState: PlanBookState = { plans: [] };

export function evolvePlanBook(state: PlanBookState, event: PlanBookEvent): PlanBookState {
  switch (event.type) {
    case 'CommissionPlanPublished':
      return { plans: [...state.plans, event.data.plan] };
    default:
      return assertNever(event.type);
  }
}

/** The plan that applies at `at`: the one with the greatest effectiveFrom not after it, compared as instants. */
export function planInEffect(plans: readonly CommissionPlan[], at: string): CommissionPlan | null {
  const instant = Date.parse(at);
  let found: CommissionPlan | null = null;
  for (const plan of plans) {
    const from = Date.parse(plan.effectiveFrom);
    // No two versions take effect at one instant (NotAfterLatestPlan): `>=` as `>` is an equivalent mutant.
    if (from <= instant && (found === null || from >= Date.parse(found.effectiveFrom))) found = plan;
  }
  return found;
}

/**
 * JSON with keys sorted at every level: two plans are the same plan when these are equal.
 * Equivalent mutants: any fixed key order compares equal plans as equal (`a >= b`, `a <= b` and the four of
 * `a > b ? 1 : 0`: keys are distinct, V8's sort asks only whether a comparison is negative); an array as an
 * object (`Array.isArray` as `false`) still compares by its elements; the two joins as `""` stay unambiguous,
 * as every element and key is quoted or bracketed.
 */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const isInstant = (value: string): boolean => !Number.isNaN(Date.parse(value));

/** The version must follow the latest one of its planId; the first is 1. */
function versionNotNext(plan: CommissionPlan, plans: readonly CommissionPlan[]): Refusal | null {
  const versions = plans.filter((p) => p.planId === plan.planId).map((p) => p.version);
  const latestVersion = versions.length === 0 ? null : Math.max(...versions);
  if (plan.version === (latestVersion ?? 0) + 1) return null;
  const message = `Version ${plan.version} of ${plan.planId} does not follow version ${latestVersion ?? 'none'}`;
  return refuse('VersionNotNext', message, { planId: plan.planId, latestVersion });
}

/**
 * A version may take effect in the past as long as it changes nothing already decided: no
 * closed period and no accrued line may fall on or after its effectiveFrom.
 */
function changesDecided(plan: CommissionPlan, { closedThrough, latestAccrual }: DecidedHistory): Refusal | null {
  const { effectiveFrom } = plan;
  const firstPeriod = periodOf(effectiveFrom, plan);
  // A period is never `>=` null, so `closedThrough !== null` as `true` is an equivalent mutant (it narrows the type).
  if (closedThrough !== null && closedThrough >= firstPeriod)
    return refuse('RetroactivePlan', `Period ${closedThrough} is closed; a plan may not take effect in it or before`, {
      effectiveFrom,
      closedPeriod: closedThrough,
    });
  if (latestAccrual !== null && Date.parse(latestAccrual.occurredAt) >= Date.parse(effectiveFrom))
    return refuse('RetroactivePlan', `Line ${latestAccrual.lineId} has accrued after ${effectiveFrom}`, {
      effectiveFrom,
      accruedLine: latestAccrual,
    });
  return null;
}

/** A change applies after every plan already published, and never under a decided line or a closed period. */
function notInOrder(plan: CommissionPlan, plans: readonly CommissionPlan[], decided: DecidedHistory): Refusal | null {
  const { effectiveFrom } = plan;
  // Versions are published in effectiveFrom order, so the last is the latest: `latest === null` as `true`, `>`
  // as `>=` and, below, `latestEffectiveFrom !== null` as `true` (Date.parse(null) is NaN) are equivalent mutants.
  const latestEffectiveFrom = plans.reduce<string | null>(
    (latest, p) => (latest === null || Date.parse(p.effectiveFrom) > Date.parse(latest) ? p.effectiveFrom : latest),
    null,
  );
  if (latestEffectiveFrom !== null && Date.parse(effectiveFrom) <= Date.parse(latestEffectiveFrom))
    return refuse('NotAfterLatestPlan', 'A plan must take effect after the latest published plan', {
      latestEffectiveFrom,
    });
  return changesDecided(plan, decided);
}

/** Payout periods are one calendar: every version keeps the first plan's period length and zone. */
function calendarChanged(plan: CommissionPlan, plans: readonly CommissionPlan[]): Refusal | null {
  const first = plans[0];
  if (!first || (first.periodLength === plan.periodLength && first.timeZone === plan.timeZone)) return null;
  const { periodLength, timeZone } = first;
  return refuse('PeriodCalendarChanged', `Payout periods stay ${periodLength}s in ${timeZone}`, {
    periodLength,
    timeZone,
  });
}

function publish({ plan, at, decided }: PublishPlanVersion, { plans }: PlanBookState): Decision<PlanBookEvent> {
  const published = plans.find((p) => p.planId === plan.planId && p.version === plan.version);
  if (published) {
    if (canonical(published) === canonical(plan)) return [];
    return refuse('VersionAlreadyPublished', 'A published version never changes; publish a new version', {
      plan: published,
    });
  }
  if (!isInstant(at) || !isInstant(plan.effectiveFrom))
    return refuse('InvalidTime', 'The times are not ISO 8601 instants', { at, effectiveFrom: plan.effectiveFrom });
  const refusal = versionNotNext(plan, plans) ?? calendarChanged(plan, plans) ?? notInOrder(plan, plans, decided);
  if (refusal) return refusal;
  return [{ type: 'CommissionPlanPublished', data: { plan } }];
}

/** The one book of commission plans: versions in sequence, dates in order, one period calendar. */
export const planBookDecider: Decider<PlanBookCommand, PlanBookState, PlanBookEvent> = {
  initialState: initialPlanBookState,
  decide(command, state) {
    switch (command.type) {
      case 'PublishPlanVersion':
        return publish(command, state);
      default:
        return assertNever(command.type);
    }
  },
  evolve: evolvePlanBook,
};
