import type { Actor } from '@leadledger/auth';
import { EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { type Clock, NotFoundError, isRefusal } from '@leadledger/kernel';
import { type LeadSummary, flaggedLeads, leadDecider, leadStreamId } from '@leadledger/leads';
import type { EngineConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import { type ReviewTarget, reviewEvidence, routeLeadByManager } from '@leadledger/workflows';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { RefusalException } from '../http/refusal.exception';
import { RequestContexts } from '../http/request-context';
import { badRequest } from '../http/validation';
import { requireActiveRep } from '../platform/active-rep';
import { CLOCK, ENGINE_CONFIG } from '../platform/tokens';
import { workflowPolicy } from '../platform/workflow-policy';
import type { MergeLeadIntoDto, RouteLeadDto } from './lead-review.dto';
import type { LeadAnswerDto } from './leads.dto';
import { leadAnswer } from './leads.handlers';
import { checkPoolExists } from './lead-intake-checks';

export class ListFlaggedLeads extends Query<LeadSummary[]> {}

@QueryHandler(ListFlaggedLeads)
export class ListFlaggedLeadsHandler implements IQueryHandler<ListFlaggedLeads, LeadSummary[]> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  async execute(): Promise<LeadSummary[]> {
    return flaggedLeads(this.readModels.db);
  }
}

export class RouteLeadByHand extends Command<LeadAnswerDto> {
  constructor(
    readonly leadId: string,
    readonly body: RouteLeadDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** A manager routes a flagged or stuck lead to a rep or a pool, with a reason; 409 with the facts on refusal. */
@CommandHandler(RouteLeadByHand)
export class RouteLeadByHandHandler implements ICommandHandler<RouteLeadByHand, LeadAnswerDto> {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ leadId, body, actor }: RouteLeadByHand): Promise<LeadAnswerDto> {
    const target = targetOf(body);
    if ('repId' in target) await requireActiveRep(this.store, target.repId);
    else await checkPoolExists(this.store, target.poolId);
    const at = this.clock.now().toISOString();
    const reason = body.reason.trim();
    const context = this.contexts.for(actor, { occurredAt: at, reason });
    const routing = { leadId, customerId: body.customerId ?? null, target, reason, at };
    const refusal = await routeLeadByManager(this.store, routing, workflowPolicy(this.config), context);
    if (refusal?.code === 'CustomerChoiceRequired')
      throw badRequest([{ field: 'customerId', problem: refusal.message }]);
    if (refusal) throw new RefusalException(refusal);
    return leadAnswer(this.store, leadId);
  }
}

function targetOf(body: RouteLeadDto): ReviewTarget {
  if (body.repId && body.poolId)
    throw badRequest([{ field: 'repId|poolId', problem: 'give repId or poolId, not both' }]);
  if (body.repId) return { repId: body.repId };
  if (body.poolId) return { poolId: body.poolId };
  throw badRequest([{ field: 'repId|poolId', problem: 'name the rep or the pool the lead goes to' }]);
}

export class MergeLeadInto extends Command<LeadAnswerDto> {
  constructor(
    readonly leadId: string,
    readonly body: MergeLeadIntoDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Resolves an identity conflict: the lead belongs to the chosen customer, with the evidence
 * of which key matched which customer. Nothing is merged or deleted; the lead then waits,
 * unflagged and matched, for a claim or POST /leads/:id/route.
 */
@CommandHandler(MergeLeadInto)
export class MergeLeadIntoHandler implements ICommandHandler<MergeLeadInto, LeadAnswerDto> {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ leadId, body, actor }: MergeLeadInto): Promise<LeadAnswerDto> {
    const { state } = await loadState(this.store, leadStreamId(leadId), leadDecider);
    if (state.status === 'absent') throw new NotFoundError('lead', leadId);
    const reason = body.reason.trim();
    const context = this.contexts.for(actor, { occurredAt: this.clock.now().toISOString(), reason });
    const evidence = await reviewEvidence(this.store, state.lead.identityKeys);
    const command = { kind: 'ResolveReview', customerId: body.customerId, reason, evidence } as const;
    const resolved = await handleCommand(this.store, leadStreamId(leadId), leadDecider, command, context);
    if (isRefusal(resolved)) throw new RefusalException(resolved);
    const matched = await handleCommand(
      this.store,
      leadStreamId(leadId),
      leadDecider,
      {
        kind: 'MatchCustomer',
        customerId: body.customerId,
        isNewCustomer: false,
      },
      context,
    );
    if (isRefusal(matched)) throw new RefusalException(matched);
    return leadAnswer(this.store, leadId);
  }
}
