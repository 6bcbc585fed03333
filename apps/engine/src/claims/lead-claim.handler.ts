import type { Actor } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import type { Clock } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { claimLead } from '@leadledger/workflows';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actingRep } from '../auth/acting-rep';
import { RefusalException } from '../http/refusal.exception';
import type { LeadAnswerDto } from '../leads/leads.dto';
import { leadAnswer } from '../leads/leads.handlers';
import { requireActiveRep } from '../platform/active-rep';
import { workflowPolicy } from '../platform/workflow-policy';
import { RequestContexts } from '../http/request-context';
import { CLOCK, ENGINE_CONFIG } from '../platform/tokens';
import type { ClaimLeadDto } from './lead-claim.dto';

export class ClaimLead extends Command<LeadAnswerDto> {
  constructor(
    readonly leadId: string,
    readonly body: ClaimLeadDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** 认领: the first valid claim on a lead nobody has wins; every later one gets 409 naming the state. */
@CommandHandler(ClaimLead)
export class ClaimLeadHandler implements ICommandHandler<ClaimLead, LeadAnswerDto> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly contexts: RequestContexts,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ leadId, body, actor }: ClaimLead): Promise<LeadAnswerDto> {
    const repId = actingRep(actor, body.repId);
    await requireActiveRep(this.store, repId);
    const at = this.clock.now().toISOString();
    const context = this.contexts.for(actor, { occurredAt: at });
    const refusal = await claimLead(this.store, leadId, repId, at, workflowPolicy(this.config), context);
    if (refusal) throw new RefusalException(refusal);
    return leadAnswer(this.store, leadId);
  }
}
