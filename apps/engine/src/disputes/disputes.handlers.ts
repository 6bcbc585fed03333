import type { Actor } from '@leadledger/auth';
import {
  type DisputeCommand,
  type DisputeRemedy,
  type ResolveDispute,
  disputeDecider,
  disputeStreamId,
  resolveDispute,
} from '@leadledger/disputes';
import { NOT_A_LINE_ID, parseLineId } from '@leadledger/commissions';
import { EventStore, type StoredEvent, handleCommand } from '@leadledger/event-store';
import { type Clock, type IdSource, type Refusal, idFromSeed, isRefusal, refuse } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { defaultTerms, refuseUnregisteredRep } from '@leadledger/workflows';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actingRep } from '../auth/acting-rep';
import { RequestContexts } from '../http/request-context';
import { RefusalException } from '../http/refusal.exception';
import { type RefusalMapping, refusalAnswer } from '../http/refusal-answer';
import { badRequest } from '../http/validation';
import { requireActiveRep } from '../platform/active-rep';
import { EffectiveTimes } from '../platform/effective-at';
import { CLOCK, ENGINE_CONFIG, ID_SOURCE } from '../platform/tokens';
import { workflowPolicy } from '../platform/workflow-policy';
import { type DisputeAnswer, DisputeReads } from './dispute-subjects';
import type { CommentOnDisputeDto, OpenDisputeDto, ResolveDisputeDto } from './disputes.dto';

/** Refusals that are an unknown id, bad input or a rep out of bounds rather than a conflict with the state. */
function answerFor(refusal: Refusal, disputeId: string, customerId = ''): Error {
  const mapping: RefusalMapping = {
    forbidden: ['NotYourSubject', 'NotAParty'],
    notFound: { DisputeUnknown: ['dispute', disputeId], CustomerUnknown: ['customer', customerId] },
    badInput: {
      ClaimRequired: 'claim',
      TextRequired: 'text',
      ReasonRequired: 'reason',
      RemedyOnRejection: 'outcome',
      AdjustmentRepeated: 'adjustments',
      InvalidAmount: 'adjustments',
      UnknownCurrency: 'adjustments',
      CurrencyNotInPlan: 'adjustments',
      InvalidPeriod: 'adjustments',
    },
  };
  if (refusal.code === 'SubjectUnknown') {
    const subject = refusal.facts.subject as { kind: string; id: string };
    return refusalAnswer(refusal, { notFound: { SubjectUnknown: [subject.kind, subject.id] } });
  }
  return refusalAnswer(refusal, mapping);
}

/** A rep the request names (the claimant a manager opens for, an adjustment's payee) must be registered: 400 naming `field`. */
async function requireRegistered(store: EventStore, repId: string, field: string): Promise<void> {
  const unregistered = await refuseUnregisteredRep(store, repId);
  if (unregistered) throw refusalAnswer(unregistered, { badInput: { RepNotRegistered: field } });
}

/** A refusal met while the transfer is prepared (its rep departed, its time) names the step, as the remedy's own do. */
async function asTransferStep<T>(prepare: () => Promise<T>): Promise<T> {
  try {
    return await prepare();
  } catch (error) {
    if (!(error instanceof RefusalException)) throw error;
    const { code, message, facts } = error.refusal;
    throw new RefusalException(refuse(code, message, { ...facts, remedy: 'transfer' }));
  }
}

/** Opens or comments on a dispute: decided on its stream; a refusal is the answer, else the dispute as the board then shows it. */
async function decideOnDispute(
  deps: { readonly store: EventStore; readonly reads: DisputeReads; readonly contexts: RequestContexts },
  actor: Actor,
  command: DisputeCommand,
  idempotencyKey: string | null,
): Promise<DisputeAnswer> {
  const context = deps.contexts.for(actor, { occurredAt: command.at, idempotencyKey });
  const { disputeId } = command;
  const result = await handleCommand(deps.store, disputeStreamId(disputeId), disputeDecider, command, context);
  if (isRefusal(result)) throw answerFor(result, disputeId);
  return answerAfter(deps.reads, result.events, disputeId, actor);
}

/** A write's events are in the log; the answer is read once the board has applied them. */
async function answerAfter(reads: DisputeReads, events: readonly StoredEvent[], disputeId: string, actor: Actor) {
  const last = events.at(-1);
  await reads.settled(last?.position);
  return reads.view(disputeId, actor);
}

export class OpenDisputeRequest extends Command<DisputeAnswer> {
  constructor(
    readonly body: OpenDisputeDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

/** A rep contests something of theirs (or a manager does for them); the facts about the subject are read first. */
@CommandHandler(OpenDisputeRequest)
export class OpenDisputeHandler implements ICommandHandler<OpenDisputeRequest, DisputeAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly reads: DisputeReads,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  async execute({ body, actor, idempotencyKey }: OpenDisputeRequest): Promise<DisputeAnswer> {
    const claimantRepId = actingRep(actor, body.repId);
    // As the line's own replay route answers it: a malformed id is bad input, not an unknown line.
    if (body.subject.kind === 'ledger-line' && parseLineId(body.subject.id) === null)
      throw badRequest([{ field: 'subject.id', problem: NOT_A_LINE_ID }]);
    await requireRegistered(this.store, claimantRepId, 'repId');
    const disputeId = idempotencyKey ? idFromSeed(`dispute:${actor.id}:${idempotencyKey}`) : this.ids.next();
    await this.reads.settled();
    const facts = await this.reads.subject(body.subject);
    const at = this.clock.now().toISOString();
    const command: DisputeCommand = {
      type: 'OpenDispute',
      disputeId,
      claimantRepId,
      subject: { kind: body.subject.kind, id: body.subject.id },
      claim: body.claim,
      evidence: (body.evidence ?? []).map(({ kind, id }) => ({ kind, id })),
      subjectParties: facts.parties,
      respondentRepId: facts.holderRepId === claimantRepId ? null : facts.holderRepId,
      openedBy: actor.id,
      openedByRole: actor.role,
      at,
    };
    return decideOnDispute(
      { store: this.store, reads: this.reads, contexts: this.contexts },
      actor,
      command,
      idempotencyKey,
    );
  }
}

export class CommentOnDisputeRequest extends Command<DisputeAnswer> {
  constructor(
    readonly disputeId: string,
    readonly body: CommentOnDisputeDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

@CommandHandler(CommentOnDisputeRequest)
export class CommentOnDisputeHandler implements ICommandHandler<CommentOnDisputeRequest, DisputeAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly reads: DisputeReads,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  async execute({ disputeId, body, actor, idempotencyKey }: CommentOnDisputeRequest): Promise<DisputeAnswer> {
    await this.reads.settled();
    await this.reads.view(disputeId, actor); // 404 for a dispute this caller may not see
    const at = this.clock.now().toISOString();
    const commentId = idempotencyKey ? idFromSeed(`dispute-comment:${actor.id}:${idempotencyKey}`) : this.ids.next();
    const command: DisputeCommand = {
      type: 'CommentOnDispute',
      disputeId,
      commentId,
      authorId: actor.id,
      authorRole: actor.role,
      authorRepId: actor.role === 'rep' ? actor.repId : null,
      text: body.text,
      at,
    };
    return decideOnDispute(
      { store: this.store, reads: this.reads, contexts: this.contexts },
      actor,
      command,
      idempotencyKey,
    );
  }
}

export class ResolveDisputeRequest extends Command<DisputeAnswer> {
  constructor(
    readonly disputeId: string,
    readonly body: ResolveDisputeDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * A manager upholds or rejects. Upholding runs the remedy (a transfer dated when the manager
 * says, commission adjustments naming the dispute) as ordinary commands caused by the
 * resolution; see resolveDispute for the order and what a crash leaves.
 */
@CommandHandler(ResolveDisputeRequest)
export class ResolveDisputeHandler implements ICommandHandler<ResolveDisputeRequest, DisputeAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly reads: DisputeReads,
    private readonly contexts: RequestContexts,
    private readonly times: EffectiveTimes,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ disputeId, body, actor }: ResolveDisputeRequest): Promise<DisputeAnswer> {
    await this.reads.settled();
    const dispute = await this.reads.view(disputeId, actor);
    const remedy = await this.remedyOf(disputeId, body, dispute);
    const at = this.clock.now().toISOString();
    const reason = body.reason.trim();
    const command: ResolveDispute = {
      type: 'ResolveDispute',
      disputeId,
      outcome: body.outcome,
      reason,
      resolvedBy: actor.id,
      remedy,
      at,
    };
    const context = this.contexts.for(actor, { occurredAt: at, reason });
    const terms = defaultTerms(workflowPolicy(this.config));
    const result = await resolveDispute(this.store, command, terms, context);
    if (isRefusal(result)) throw answerFor(result, disputeId, remedy.transfer?.customerId);
    const answer = await answerAfter(this.reads, [result.resolution, ...result.events], disputeId, actor);
    if (result.refused.length === 0) return answer;
    // Only when a remedy's stream changed between the check and the write: the resolution stands, the rest is pending.
    throw new RefusalException(
      refuse('RemedyIncomplete', 'The dispute is resolved but part of its remedy was refused', {
        dispute: answer,
        refused: result.refused.map(({ code, message, facts }) => ({ code, message, facts })),
      }),
    );
  }

  /** The remedy the body asks for, with the transfer's customer and time resolved and the adjustments' ids derived. */
  private async remedyOf(disputeId: string, body: ResolveDisputeDto, dispute: DisputeAnswer): Promise<DisputeRemedy> {
    for (const { repId } of body.adjustments ?? []) await requireRegistered(this.store, repId, 'adjustments');
    const adjustments = (body.adjustments ?? []).map(({ repId, amount, currency, period }, index) => ({
      adjustmentId: idFromSeed(`dispute:${disputeId}:adjustment:${index}`),
      repId,
      amount,
      currency,
      period: period ?? null,
    }));
    if (!body.transfer) return { transfer: null, adjustments };
    const customerId = body.transfer.customerId ?? (await this.reads.subject(dispute.subject)).customerId;
    if (!customerId) throw badRequest([{ field: 'transfer.customerId', problem: 'name the customer to transfer' }]);
    const { toRepId } = body.transfer;
    await asTransferStep(() => requireActiveRep(this.store, toRepId));
    // A retried resolution that left effectiveAt out meant the first request's "now", which it recorded.
    const recorded = dispute.resolution?.remedy.transfer;
    const retried =
      body.transfer.effectiveAt === undefined && recorded?.customerId === customerId && recorded.toRepId === toRepId;
    const effectiveAt = retried
      ? recorded.effectiveAt
      : await asTransferStep(() => this.times.at(body.transfer?.effectiveAt));
    return { transfer: { customerId, toRepId, effectiveAt }, adjustments };
  }
}
