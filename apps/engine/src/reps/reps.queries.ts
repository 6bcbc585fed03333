import type { Actor } from '@leadledger/auth';
import { NotFoundError } from '@leadledger/kernel';
import { type LeadSummary, type RepView, getRep, listReps, repInbox } from '@leadledger/leads';
import { ReadModelDatabase } from '@leadledger/projections';
import { ForbiddenException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { ListRepsQueryDto, RepInboxQueryDto } from './reps.dto';

/** A rep sees only themselves; every other admitted role sees every rep. */
function requireSelfOrStaff(actor: Actor, repId: string): void {
  if (actor.role === 'rep' && actor.repId !== repId) throw new ForbiddenException('A rep sees only themselves');
}

function knownRep(readModels: ReadModelDatabase, repId: string): RepView {
  const rep = getRep(readModels.db, repId);
  if (!rep) throw new NotFoundError('rep', repId);
  return rep;
}

export class ListReps extends Query<RepView[]> {
  constructor(readonly filter: ListRepsQueryDto) {
    super();
  }
}

@QueryHandler(ListReps)
export class ListRepsHandler implements IQueryHandler<ListReps, RepView[]> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  async execute({ filter }: ListReps): Promise<RepView[]> {
    return listReps(this.readModels.db, { team: filter.team, status: filter.status });
  }
}

export class GetRep extends Query<RepView> {
  constructor(
    readonly repId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetRep)
export class GetRepHandler implements IQueryHandler<GetRep, RepView> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  async execute({ repId, actor }: GetRep): Promise<RepView> {
    requireSelfOrStaff(actor, repId);
    return knownRep(this.readModels, repId);
  }
}

export class GetRepInbox extends Query<LeadSummary[]> {
  constructor(
    readonly repId: string,
    readonly query: RepInboxQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetRepInbox)
export class GetRepInboxHandler implements IQueryHandler<GetRepInbox, LeadSummary[]> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  async execute({ repId, query, actor }: GetRepInbox): Promise<LeadSummary[]> {
    requireSelfOrStaff(actor, repId);
    knownRep(this.readModels, repId);
    return repInbox(this.readModels.db, repId, query.status);
  }
}
