import { type CustomerCommand, customerDecider, customerStreamId } from '@leadledger/customers';
import { type CommandContext, EventStore, type StoredEvent, handleCommand, loadState } from '@leadledger/event-store';
import { type LeadCommand, type RepEvent, leadDecider, leadStreamId } from '@leadledger/leads';
import { poolDecider, poolStreamId } from '@leadledger/routing';
import { type WorkflowPolicy, defaultTerms } from '../lead-routing/ownership-terms';

/** Where a rep's work is, read from the projections once they include the triggering event. */
export interface WorkLookups {
  caughtUpTo(position: bigint): Promise<void>;
  poolsWithMember(repId: string): readonly string[];
  customersOwnedBy(repId: string): readonly string[];
  openLeadsOf(repId: string): readonly string[];
}

export interface HandOverRequest {
  readonly repId: string;
  /** null: everything goes back to the shared pool (公海). */
  readonly toRepId: string | null;
  readonly departure: boolean;
  readonly reason: string;
}

export function requestOf(event: StoredEvent): HandOverRequest {
  if (event.type === 'RepDeparted') {
    const data = event.data as unknown as Extract<RepEvent, { type: 'RepDeparted' }>['data'];
    return { repId: data.repId, toRepId: data.successorRepId, departure: true, reason: `departure: ${data.reason}` };
  }
  const data = event.data as unknown as Extract<RepEvent, { type: 'RepHandOverRequested' }>['data'];
  return { repId: data.repId, toRepId: data.toRepId, departure: false, reason: data.reason };
}

/**
 * 工作移交: after a rep departs, or a manager hands over everything a rep has, each pool
 * drops the departing rep, and each customer and open lead moves to the successor or goes
 * back to the shared pool, every one its own recorded event carrying the manager as actor
 * and the hand-over's reason. Every step is guarded by who holds the item now, so a re-run
 * after a crash, or beside the reactor, changes nothing twice.
 */
export async function handOverWork(
  store: EventStore,
  lookups: WorkLookups,
  trigger: StoredEvent,
  policy: WorkflowPolicy,
): Promise<void> {
  const request = requestOf(trigger);
  const context: CommandContext = {
    actorId: trigger.metadata.actorId,
    actorRole: trigger.metadata.actorRole,
    reason: request.reason,
    occurredAt: trigger.metadata.occurredAt,
    correlationId: trigger.metadata.correlationId,
    causationId: trigger.id,
  };
  await lookups.caughtUpTo(trigger.position);
  if (request.departure) {
    for (const poolId of lookups.poolsWithMember(request.repId)) await removeFromPool(store, poolId, request, context);
  }
  for (const customerId of lookups.customersOwnedBy(request.repId)) {
    await moveCustomer(store, customerId, request, context, policy);
  }
  for (const leadId of lookups.openLeadsOf(request.repId)) await moveLead(store, leadId, request, context);
}

export async function removeFromPool(
  store: EventStore,
  poolId: string,
  request: HandOverRequest,
  context: CommandContext,
): Promise<void> {
  const command = { kind: 'RemoveMember', poolId, repId: request.repId, reason: 'departed' } as const;
  // MemberNotInPool: removed already, by a retry or by hand.
  await handleCommand(store, poolStreamId(poolId), poolDecider, command, context, { retriesOnConflict: 100 });
}

export async function moveCustomer(
  store: EventStore,
  customerId: string,
  request: HandOverRequest,
  context: CommandContext,
  policy: WorkflowPolicy,
): Promise<void> {
  const at = context.occurredAt;
  const command: CustomerCommand = request.toRepId
    ? {
        kind: 'TransferCustomer',
        toRepId: request.toRepId,
        fromRepId: request.repId,
        byActorId: context.actorId,
        reason: request.reason,
        at,
        via: request.departure ? 'departure-hand-off' : 'transfer',
        ...defaultTerms(policy),
      }
    : { kind: 'ReleaseCustomer', at, reason: 'departure', repId: request.repId };
  // NotOwner: someone else holds the customer now (a retry, or a change since the read model was read).
  await handleCommand(store, customerStreamId(customerId), customerDecider, command, context, {
    retriesOnConflict: 20,
  });
}

export async function moveLead(
  store: EventStore,
  leadId: string,
  request: HandOverRequest,
  context: CommandContext,
): Promise<void> {
  const { state } = await loadState(store, leadStreamId(leadId), leadDecider);
  // Only a lead the rep still holds: one that moved on since the read model was read stays put.
  if (!('repId' in state) || state.repId !== request.repId) return;
  const command: LeadCommand = request.toRepId
    ? {
        kind: 'AssignLead',
        repId: request.toRepId,
        acceptBy: null,
        trace: { rule: 'hand-off', pool: null, note: `handed over from ${request.repId}: ${request.reason}` },
      }
    : { kind: 'ReleaseLead', reason: request.reason };
  await handleCommand(store, leadStreamId(leadId), leadDecider, command, context, { retriesOnConflict: 20 });
}
