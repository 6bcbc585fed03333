import {
  type AdjustCommission,
  COMMISSION_PERIODS_STREAM,
  type CommissionAdjusted,
  PLAN_BOOK_STREAM,
  commissionPeriodsDecider,
  currenciesOf,
  planBookDecider,
} from '@leadledger/commissions';
import { type TransferCustomer, customerDecider, customerStreamId } from '@leadledger/customers';
import {
  type CommandContext,
  type EventStore,
  type StoredEvent,
  handleCommand,
  loadState,
} from '@leadledger/event-store';
import { type Refusal, isRefusal, refuse } from '@leadledger/kernel';
import type { ResolveDispute } from '../dispute/dispute.commands';
import { disputeDecider } from '../dispute/dispute.decider';
import { type DisputeResolved, disputeStreamId } from '../dispute/dispute.events';

/** The protection a transferred customer starts with: the engine's defaults, as for any transfer. */
export interface RemedyTerms {
  readonly protectionDays: number;
  readonly warningDays: number;
}

export interface RemedyRun {
  /** Events the remedy wrote in this run (none when an earlier run wrote them all). */
  readonly events: readonly StoredEvent[];
  /** A step refused after the resolution was written (its stream changed in between); empty when complete. */
  readonly refused: readonly Refusal[];
}

export interface ResolvedDispute extends RemedyRun {
  /** The DisputeResolved event: every remedy event names it as its causation. */
  readonly resolution: StoredEvent;
}

type Step =
  { readonly kind: 'transfer'; readonly customerId: string; readonly command: TransferCustomer } | AdjustmentStep;
type AdjustmentStep = { readonly kind: 'adjustment'; readonly command: AdjustCommission };

/** The remedy as the ordinary commands it is made of, in the order they run: the transfer, then each adjustment. */
async function stepsOf(
  store: EventStore,
  resolution: DisputeResolved['data'],
  terms: RemedyTerms,
): Promise<readonly Step[] | Refusal> {
  const { disputeId, reason, resolvedBy, resolvedAt, remedy } = resolution;
  const steps: Step[] = [];
  if (remedy.transfer) {
    const { customerId, toRepId, effectiveAt } = remedy.transfer;
    const command: TransferCustomer = {
      kind: 'TransferCustomer',
      toRepId,
      byActorId: resolvedBy,
      reason: `dispute ${disputeId} upheld: ${reason}`,
      at: effectiveAt,
      ...terms,
      via: 'transfer',
    };
    steps.push({ kind: 'transfer', customerId, command });
  }
  if (remedy.adjustments.length === 0) return steps;
  const { plans } = (await loadState(store, PLAN_BOOK_STREAM, planBookDecider)).state;
  const calendar = plans[0];
  if (!calendar)
    return refuse('NoPlanPublished', 'No commission plan has been published yet', { remedy: 'adjustment' });
  for (const { adjustmentId, repId, amount, currency, period } of remedy.adjustments) {
    const command: AdjustCommission = {
      type: 'AdjustCommission',
      adjustmentId,
      payee: { kind: 'rep', id: repId },
      currency,
      amount,
      period,
      calendar: { periodLength: calendar.periodLength, timeZone: calendar.timeZone },
      planCurrencies: currenciesOf(plans),
      reason: `dispute ${disputeId} upheld: ${reason}`,
      reference: disputeStreamId(disputeId),
      at: resolvedAt,
      disputeId,
    };
    steps.push({ kind: 'adjustment', command });
  }
  return steps;
}

/** The refusal of a remedy step, naming the step, so the uphold's 409 says which part was refused. */
const ofStep = (step: Step, refusal: Refusal): Refusal =>
  refuse(refusal.code, refusal.message, { ...refusal.facts, remedy: step.kind });

/** Decides every step on its stream as it stands now, writing nothing: the first refusal, or null. */
async function checkSteps(store: EventStore, steps: readonly Step[]): Promise<Refusal | null> {
  let periods = (await loadState(store, COMMISSION_PERIODS_STREAM, commissionPeriodsDecider)).state;
  for (const step of steps) {
    if (step.kind === 'transfer') {
      const { state } = await loadState(store, customerStreamId(step.customerId), customerDecider);
      const decision = customerDecider.decide(step.command, state);
      if (isRefusal(decision)) return ofStep(step, decision);
    } else {
      const decision = commissionPeriodsDecider.decide(step.command, periods);
      if (isRefusal(decision)) return ofStep(step, decision);
      periods = decision.reduce(commissionPeriodsDecider.evolve, periods);
    }
  }
  return null;
}

/**
 * The events on a stream that this resolution caused, read backwards only as far as the
 * resolution's position (what came before it cannot be its remedy).
 */
async function causedSince(store: EventStore, streamId: string, resolution: StoredEvent): Promise<StoredEvent[]> {
  const caused: StoredEvent[] = [];
  let from: bigint | undefined;
  for (;;) {
    const page = await store.readStream(streamId, { direction: 'backwards', fromRevision: from, maxCount: 50 });
    for (const event of page) {
      if (event.position < resolution.position) return caused;
      if (event.metadata.causationId === resolution.id) caused.push(event);
    }
    const last = page.at(-1);
    if (!last || last.revision === 0n || page.length < 50) return caused;
    from = last.revision - 1n;
  }
}

/** The ids of the adjustments this resolution already posted. */
async function adjustmentsWritten(store: EventStore, resolution: StoredEvent): Promise<ReadonlySet<string>> {
  const caused = await causedSince(store, COMMISSION_PERIODS_STREAM, resolution);
  return new Set(
    caused
      .filter((event) => event.type === 'CommissionAdjusted')
      .map((event) => (event.data as unknown as CommissionAdjusted['data']).adjustmentId),
  );
}

/**
 * Writes what of an upheld dispute's remedy is not written yet, each step an ordinary command
 * whose events name the DisputeResolved event as causation. Safe to run again at any time: the
 * transfer is looked for on the customer's stream after the resolution, and each adjustment on
 * the periods stream after it. Run by the uphold itself, by a retried uphold, and at start-up.
 */
export async function completeRemedy(
  store: EventStore,
  resolution: StoredEvent,
  terms: RemedyTerms,
): Promise<RemedyRun> {
  const data = resolution.data as unknown as DisputeResolved['data'];
  if (data.outcome !== 'upheld') return { events: [], refused: [] };
  const steps = await stepsOf(store, data, terms);
  if (isRefusal(steps)) return { events: [], refused: [steps] };
  const events: StoredEvent[] = [];
  const refused: Refusal[] = [];
  const { metadata } = resolution;
  let posted: ReadonlySet<string> | undefined;
  for (const step of steps) {
    const context: CommandContext = {
      actorId: metadata.actorId,
      actorRole: metadata.actorRole,
      reason: metadata.reason,
      occurredAt: step.kind === 'transfer' ? step.command.at : metadata.occurredAt,
      correlationId: metadata.correlationId,
      causationId: resolution.id,
      idempotencyKey: null,
    };
    if (step.kind === 'transfer') {
      if ((await causedSince(store, customerStreamId(step.customerId), resolution)).length > 0) continue;
      const result = await handleCommand(
        store,
        customerStreamId(step.customerId),
        customerDecider,
        step.command,
        context,
        {
          retriesOnConflict: 50,
        },
      );
      // The rep owns the customer already: a concurrent run of the same uphold got there first.
      if (isRefusal(result) && result.code !== 'AlreadyOwner') refused.push(ofStep(step, result));
      else if (!isRefusal(result)) events.push(...result.events);
    } else {
      // The periods decider recognises only its latest adjustments: look on the stream first.
      posted ??= await adjustmentsWritten(store, resolution);
      if (posted.has(step.command.adjustmentId)) continue;
      const result = await handleCommand(
        store,
        COMMISSION_PERIODS_STREAM,
        commissionPeriodsDecider,
        step.command,
        context,
      );
      if (isRefusal(result)) refused.push(ofStep(step, result));
      else events.push(...result.events);
    }
  }
  return { events, refused };
}

/**
 * Resolves a dispute. Upholding with a remedy runs in this order, each step one stream:
 *  1. decide the resolution on the dispute's stream and every remedy step on its own stream as
 *     they stand, writing nothing: any refusal is answered (409/404/400) and nothing is written;
 *  2. append DisputeResolved, which holds the whole remedy (the intent);
 *  3. carry out the remedy (completeRemedy), each event caused by the DisputeResolved event.
 * A crash after 2 leaves an upheld dispute whose remedy the board shows as pending: the same
 * uphold sent again, or the engine's start-up sweep, runs 3 again, writing only what is missing.
 */
export async function resolveDispute(
  store: EventStore,
  command: ResolveDispute,
  terms: RemedyTerms,
  context: CommandContext,
): Promise<ResolvedDispute | Refusal> {
  const streamId = disputeStreamId(command.disputeId);
  const { state } = await loadState(store, streamId, disputeDecider);
  const decision = disputeDecider.decide(command, state);
  if (isRefusal(decision)) return decision;
  if (decision.length > 0 && command.outcome === 'upheld') {
    const steps = await stepsOf(store, decision[0].data as DisputeResolved['data'], terms);
    if (isRefusal(steps)) return steps;
    const refusal = await checkSteps(store, steps);
    if (refusal) return refusal;
  }
  const result = await handleCommand(store, streamId, disputeDecider, command, context);
  if (isRefusal(result)) return result;
  // A retried resolution appends nothing: the resolution is the stream's last event (a resolved dispute takes no more).
  const resolution =
    result.events.find((e) => e.type === 'DisputeResolved') ??
    (await store.readStream(streamId, { direction: 'backwards', maxCount: 1 }))[0];
  const run = await completeRemedy(store, resolution, terms);
  return { resolution, ...run };
}
