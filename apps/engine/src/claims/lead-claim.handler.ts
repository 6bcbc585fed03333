import type { Actor } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import type { Clock } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { claimLead, defaultTerms } from '@leadledger/workflows';
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
import { applySharedPoolRules } from './lead-claim-shared-pool';

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
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  async execute({ leadId, body, actor }: ClaimLead): Promise<LeadAnswerDto> {
    const repId = actingRep(actor, body.repId);
    await requireActiveRep(this.store, repId);
    const at = this.clock.now().toISOString();
    const context = this.contexts.for(actor, { occurredAt: at });
    const policy = workflowPolicy(this.config);
    const deps = { store: this.store, readModels: this.readModels, projections: this.projections };
    const inPool = { leadId, repId, at, timeZone: this.config.timeZone, terms: defaultTerms(policy) };
    const giveBack = await applySharedPoolRules(
      deps,
      { ...inPool, defaultCoolDownDays: this.config.reclaimCoolDownDays },
      context,
    );
    // A claim that loses (or fails) counts for nothing against the rep's day.
    const refusal = await claimLead(this.store, leadId, repId, at, policy, context).catch(async (error: unknown) => {
      await giveBack();
      throw error;
    });
    if (refusal) {
      await giveBack();
      throw new RefusalException(refusal);
    }
    return leadAnswer(this.store, leadId);
  }
}
