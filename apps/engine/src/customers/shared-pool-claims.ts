import {
  type ClaimCustomer,
  type ClaimRules,
  type CustomerState,
  customerDecider,
  customerStreamId,
  SHARED_POOL_RULES_STREAM,
  customersOwnedBy,
  dailyClaimsDecider,
  dailyClaimsStreamId,
  holdingCapReached,
  nextDay,
  sharedPoolDecider,
  startOfBusinessDay,
} from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { type Refusal, isRefusal, refuse } from '@leadledger/kernel';
import { ProjectionRunner, ReadModelDatabase, businessDay } from '@leadledger/projections';
import type { OwnershipTerms } from '@leadledger/workflows';
import { RefusalException } from '../http/refusal.exception';

export interface SharedPoolPolicy {
  readonly policyVersion: number;
  readonly rules: ClaimRules;
}

/** The shared pool's claim rules now; before any was published, the engine's cool-down and no limits (version 0). */
export async function sharedPoolPolicy(store: EventStore, defaultCoolDownDays: number): Promise<SharedPoolPolicy> {
  const { state } = await loadState(store, SHARED_POOL_RULES_STREAM, sharedPoolDecider);
  const rules = state.rules ?? {
    claimsPerDay: null,
    reclaimCoolDownDays: defaultCoolDownDays,
    maxCustomersPerRep: null,
  };
  return { policyVersion: state.policyVersion, rules };
}

type ClaimDeps = { store: EventStore; readModels: ReadModelDatabase; projections: ProjectionRunner };

/** A rep's claim of a customer under the shared pool's rules now, with the ownership terms it starts. */
export const claimUnder = (
  policy: SharedPoolPolicy,
  claim: { repId: string; at: string; terms: OwnershipTerms; now?: boolean },
): ClaimCustomer => ({
  kind: 'ClaimCustomer',
  repId: claim.repId,
  at: claim.at,
  ...claim.terms,
  reclaimCoolDownDays: policy.rules.reclaimCoolDownDays,
  ...(claim.now ? { now: true } : {}),
});

/**
 * Judges a claim on the customer as it stands (protection, the cool-down: 409 with its rule,
 * before anything is written), then counts it (countClaim). Returns `giveBack`.
 */
export async function judgeAndCountClaim(
  deps: ClaimDeps,
  claim: {
    customerId: string;
    command: ClaimCustomer;
    state: CustomerState;
    timeZone: string;
    policy: SharedPoolPolicy;
  },
  context: CommandContext,
): Promise<() => Promise<void>> {
  const { customerId, command, state, timeZone, policy } = claim;
  const decision = customerDecider.decide(command, state);
  if (isRefusal(decision)) throw new RefusalException(withRule(decision, policy));
  return countClaim(deps, { repId: command.repId, customerId, at: command.at, timeZone, policy }, context);
}

/** A lead bringing its customer to a rep: who, when, the ownership it starts, and the engine's default cool-down. */
export interface ClaimThroughLead {
  readonly repId: string;
  readonly at: string;
  readonly timeZone: string;
  readonly terms: OwnershipTerms;
  readonly defaultCoolDownDays: number;
  /** Undated: the claim happens no earlier than the customer's latest change (ClaimCustomer.now). */
  readonly now?: boolean;
}

/**
 * A lead that brings a customer in the shared pool (released, nobody owns it) to a rep takes it
 * as a claim of the customer would: judged and counted (judgeAndCountClaim; 409 before anything is
 * written). Returns `giveBack`, or null for a
 * customer that is not the shared pool's (owned, or never owned: its lead waited in a queue).
 */
export async function claimThroughLead(
  deps: ClaimDeps,
  customerId: string,
  claim: ClaimThroughLead,
  context: CommandContext,
): Promise<(() => Promise<void>) | null> {
  const { state } = await loadState(deps.store, customerStreamId(customerId), customerDecider);
  if (state.status !== 'unowned' || state.releasedAt.size === 0) return null;
  const policy = await sharedPoolPolicy(deps.store, claim.defaultCoolDownDays);
  const command = claimUnder(policy, claim);
  const { timeZone } = claim;
  return judgeAndCountClaim(deps, { customerId, command, state, timeZone, policy }, context);
}

/**
 * The shared pool's rules around one claim: the holding cap (from the customer directory,
 * caught up to the log's head), then the day's count on the rep's own daily stream, which
 * serialises the rep's claims. Returns `giveBack`, to call when the customer refuses the
 * claim after it was counted.
 */
export async function countClaim(
  deps: ClaimDeps,
  claim: { repId: string; customerId: string; at: string; timeZone: string; policy: SharedPoolPolicy },
  context: CommandContext,
): Promise<() => Promise<void>> {
  const { repId, customerId, at, timeZone, policy } = claim;
  await deps.projections.reached(await deps.store.headPosition());
  const held = customersOwnedBy(deps.readModels.db, repId).filter((id) => id !== customerId).length;
  const capped = holdingCapReached(held, policy.rules, policy.policyVersion);
  if (capped) throw new RefusalException(capped);
  const day = businessDay(at, timeZone);
  const stream = dailyClaimsStreamId(repId, day);
  const command = {
    kind: 'CountClaim',
    repId,
    day,
    customerId,
    limit: policy.rules.claimsPerDay,
    policyVersion: policy.policyVersion,
    resetsAt: startOfBusinessDay(nextDay(day), timeZone),
  } as const;
  const counted = await handleCommand(deps.store, stream, dailyClaimsDecider, command, context, {
    retriesOnConflict: 20,
  });
  if (isRefusal(counted)) throw new RefusalException(counted);
  return async () => {
    const giveBack = { kind: 'UncountClaim', repId, day, customerId } as const;
    await handleCommand(deps.store, stream, dailyClaimsDecider, giveBack, context, { retriesOnConflict: 20 });
  };
}

/** A cool-down refusal says which rule, its limit and when it lifts, like the other claim rules. */
export function withRule(refusal: Refusal, policy: SharedPoolPolicy): Refusal {
  if (refusal.code !== 'ReclaimTooSoon') return refusal;
  return refuse(refusal.code, refusal.message, {
    ...refusal.facts,
    rule: 'reclaimCoolDownDays',
    limit: policy.rules.reclaimCoolDownDays,
    resetsAt: refusal.facts.canReclaimFrom,
    policyVersion: policy.policyVersion,
  });
}
