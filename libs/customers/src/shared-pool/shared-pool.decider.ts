import { type Decider, type Refusal, refuse, sameJson } from '@leadledger/kernel';
import type { ClaimRules, DailyClaimsEvent, SharedPoolEvent } from './shared-pool.events';

export type SharedPoolState = { readonly policyVersion: number; readonly rules: ClaimRules | null };

export type SharedPoolCommand = { readonly kind: 'ChangeClaimRules'; readonly rules: ClaimRules };

const wholeAtLeast = (value: number | null, least: number): boolean =>
  value === null || (Number.isInteger(value) && value >= least);

function invalidRules(rules: ClaimRules): Refusal | null {
  if (!wholeAtLeast(rules.claimsPerDay, 1)) return invalid('claimsPerDay', rules.claimsPerDay);
  if (!wholeAtLeast(rules.reclaimCoolDownDays, 0)) return invalid('reclaimCoolDownDays', rules.reclaimCoolDownDays);
  if (!wholeAtLeast(rules.maxCustomersPerRep, 1)) return invalid('maxCustomersPerRep', rules.maxCustomersPerRep);
  return null;
}

const invalid = (field: string, value: unknown): Refusal =>
  refuse('InvalidClaimRules', `${field} must be a whole number in range`, { field, value });

/**
 * The shared pool's claim rules, versioned: every change is a new policy version that applies
 * to claims from then on; a claim records the version it was counted under.
 */
export const sharedPoolDecider: Decider<SharedPoolCommand, SharedPoolState, SharedPoolEvent> = {
  initialState: { policyVersion: 0, rules: null },
  decide(command, state) {
    const refusal = invalidRules(command.rules);
    if (refusal) return refusal;
    const { claimsPerDay, reclaimCoolDownDays, maxCustomersPerRep } = command.rules;
    const rules = { claimsPerDay, reclaimCoolDownDays, maxCustomersPerRep };
    if (state.rules && sameJson(state.rules, rules)) return [];
    return [{ type: 'SharedPoolRulesChanged', data: { ...rules, policyVersion: state.policyVersion + 1 } }];
  },
  evolve(_state, event) {
    const { policyVersion, ...rules } = event.data;
    return { policyVersion, rules };
  },
};

export interface DailyClaimsState {
  /** The customers whose claims count today, in the order they were counted. */
  readonly counted: readonly string[];
}

export type DailyClaimsCommand =
  | {
      readonly kind: 'CountClaim';
      readonly repId: string;
      readonly day: string;
      readonly customerId: string;
      readonly limit: number | null;
      readonly policyVersion: number;
      /** When the day's count starts again: the next business day's start, for the refusal. */
      readonly resetsAt: string;
    }
  | { readonly kind: 'UncountClaim'; readonly repId: string; readonly day: string; readonly customerId: string };

/**
 * One rep's claims on one business day, serialised on their own stream so that two claims at
 * the same moment cannot both take the last one. A retried claim of the same customer counts once.
 */
export const dailyClaimsDecider: Decider<DailyClaimsCommand, DailyClaimsState, DailyClaimsEvent> = {
  initialState: { counted: [] },
  decide(command, state) {
    const { repId, day, customerId } = command;
    if (command.kind === 'UncountClaim') {
      return state.counted.includes(customerId) ? [{ type: 'ClaimUncounted', data: { repId, day, customerId } }] : [];
    }
    if (state.counted.includes(customerId)) return [];
    const { limit, resetsAt, policyVersion } = command;
    if (limit !== null && state.counted.length >= limit) {
      return refuse('DailyClaimLimitReached', 'This rep has made all the claims the shared pool allows today', {
        rule: 'claimsPerDay',
        limit,
        claimedToday: state.counted.length,
        resetsAt,
        policyVersion,
      });
    }
    return [{ type: 'ClaimCounted', data: { repId, day, customerId, policyVersion } }];
  },
  evolve(state, event) {
    const { customerId } = event.data;
    if (event.type === 'ClaimCounted') return { counted: [...state.counted, customerId] };
    return { counted: state.counted.filter((id) => id !== customerId) };
  },
};

/** The refusal for a claim by a rep who already holds the most customers the rules allow (保有量上限), or null. */
export function holdingCapReached(held: number, rules: ClaimRules, policyVersion: number): Refusal | null {
  const cap = rules.maxCustomersPerRep;
  if (cap === null || held < cap) return null;
  return refuse('CustomerHoldingCapReached', 'This rep already holds as many customers as the shared pool allows', {
    rule: 'maxCustomersPerRep',
    limit: cap,
    held,
    resetsAt: null,
    policyVersion,
  });
}
