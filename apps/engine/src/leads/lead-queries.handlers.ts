import type { Actor } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import { NotFoundError } from '@leadledger/kernel';
import { type LeadView, getLead } from '@leadledger/leads';
import { ReadModelDatabase } from '@leadledger/projections';
import { ForbiddenException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type ExplainedLeadView, withExplanations } from './lead-explanations';

/** A rep sees a lead that is or was theirs: held, assigned before, passed over, or received by them. */
function visibleTo(actor: Actor, lead: LeadView): boolean {
  if (actor.role !== 'rep') return true;
  const repId = actor.repId;
  if (!repId) return false;
  return (
    lead.repId === repId ||
    lead.receivedBy === repId ||
    lead.passedOver.includes(repId) ||
    lead.assignments.some((a) => a.repId === repId)
  );
}

export class GetLead extends Query<ExplainedLeadView> {
  constructor(
    readonly leadId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetLead)
export class GetLeadHandler implements IQueryHandler<GetLead, ExplainedLeadView> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    private readonly store: EventStore,
  ) {}

  async execute({ leadId, actor }: GetLead): Promise<ExplainedLeadView> {
    const lead = await getLead(this.readModels.db, this.store, leadId);
    if (!lead) throw new NotFoundError('lead', leadId);
    if (!visibleTo(actor, lead)) throw new ForbiddenException('A rep sees only leads that are or were theirs');
    return withExplanations(this.readModels.db, lead);
  }
}
