import { customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import { businessDay } from '@leadledger/projections';
import { type PoolLeadAssigned, poolDecider, poolStreamId } from '@leadledger/routing';
import { completePoolAssignment } from '../lead-routing/complete-pool-assignment';
import type { WorkflowPolicy } from '../lead-routing/ownership-terms';
import { rerouteLead } from '../lead-routing/reroute-lead';

/**
 * What is due at an instant, read from the projections. An answer that lists too much is
 * harmless (each decider re-checks); one that lists too little would leave work for the next
 * pass, so a pass first waits for the projections to reach what the log held when it began.
 */
export interface DueWork {
  /** Resolves once the read models have applied the log up to `position`; rejects if they cannot. */
  caughtUpTo(position: bigint): Promise<void>;
  leadsDueForAcceptanceExpiry(now: string): readonly { readonly leadId: string }[];
  customersDueForWarning(now: string): readonly { readonly customerId: string }[];
  customersDueForRelease(now: string): readonly { readonly customerId: string }[];
  poolsWithQueuedLeads(): readonly { readonly poolId: string }[];
}

export interface ScheduledRun {
  readonly at: string;
  readonly expiredLeads: readonly string[];
  readonly warnedCustomers: readonly string[];
  readonly releasedCustomers: readonly string[];
  /** Queued leads a pool handed out in this pass: a new business day reset its members' caps. */
  readonly drainedLeads: readonly string[];
}

export const SCHEDULER_ACTOR = 'system:scheduler';

/**
 * The time-based rules, applied as of `now` (the scheduler's clock, which tests replace):
 * acceptance SLAs that ran out move their leads on; customers near the end of protection
 * get the warning (流失预警); customers past it go back to the shared pool (公海); pools hand
 * out queued leads to members a new day made eligible again. What it
 * decides is written as events carrying `now`, so replaying them never consults a clock.
 */
export async function runScheduledRules(
  store: EventStore,
  due: DueWork,
  now: string,
  policy: WorkflowPolicy,
): Promise<ScheduledRun> {
  const context: CommandContext = {
    actorId: SCHEDULER_ACTOR,
    actorRole: 'service',
    occurredAt: now,
    correlationId: `scheduler:${now}`,
  };
  await due.caughtUpTo(await store.headPosition());
  const expiredLeads: string[] = [];
  for (const { leadId } of due.leadsDueForAcceptanceExpiry(now)) {
    const command = { kind: 'ExpireAcceptance', at: now } as const;
    const result = await handleCommand(store, leadStreamId(leadId), leadDecider, command, context);
    if (isRefusal(result) || result.events.length === 0) continue;
    expiredLeads.push(leadId);
    await rerouteLead(store, leadId, now, policy.timeZone, context);
  }
  const warnedCustomers = await applyToCustomers(store, due.customersDueForWarning(now), context, {
    kind: 'WarnProtectionEnding',
    at: now,
  });
  const releasedCustomers = await applyToCustomers(store, due.customersDueForRelease(now), context, {
    kind: 'ReleaseCustomer',
    at: now,
    reason: 'protection-expired',
  });
  const drainedLeads = await drainQueues(store, due.poolsWithQueuedLeads(), now, policy, context);
  return { at: now, expiredLeads, warnedCustomers, releasedCustomers, drainedLeads };
}

/**
 * Each pool with queued leads assigns them, oldest first, to members eligible as of `now`'s
 * business day: the day's and month's caps start again at a new day, which no member change
 * announces. A pool with nobody eligible writes nothing. The leads then go to their reps as a
 * drain's always do (completePoolAssignment; the lead-routing reactor repeats it after a crash).
 */
async function drainQueues(
  store: EventStore,
  pools: readonly { readonly poolId: string }[],
  now: string,
  policy: WorkflowPolicy,
  context: CommandContext,
): Promise<string[]> {
  const day = businessDay(now, policy.timeZone);
  const drained: string[] = [];
  for (const { poolId } of pools) {
    const command = { kind: 'DrainQueue', poolId, day, month: day.slice(0, 7) } as const;
    const result = await handleCommand(store, poolStreamId(poolId), poolDecider, command, context, {
      retriesOnConflict: 100,
    });
    if (isRefusal(result)) continue;
    for (const event of result.events) {
      if (event.type !== 'PoolLeadAssigned') continue;
      const assigned = event.data as unknown as PoolLeadAssigned['data'];
      await completePoolAssignment(store, assigned, now, context);
      drained.push(assigned.leadId);
    }
  }
  return drained;
}

async function applyToCustomers(
  store: EventStore,
  customers: readonly { readonly customerId: string }[],
  context: CommandContext,
  command: Parameters<typeof customerDecider.decide>[0],
): Promise<string[]> {
  const changed: string[] = [];
  for (const { customerId } of customers) {
    const result = await handleCommand(store, customerStreamId(customerId), customerDecider, command, context, {
      retriesOnConflict: 20,
    });
    if (!isRefusal(result) && result.events.length > 0) changed.push(customerId);
  }
  return changed;
}
