import type { Actor } from '@leadledger/auth';
import { type DisputePage, listDisputes } from '@leadledger/disputes';
import { ReadModelDatabase } from '@leadledger/projections';
import { ForbiddenException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type DisputeAnswer, DisputeReads } from './dispute-subjects';
import type { DisputeListQueryDto } from './disputes.dto';

export class ListDisputes extends Query<DisputePage> {
  constructor(
    readonly query: DisputeListQueryDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Managers list every dispute; finance the commission disputes; a rep only their own (naming another is 403). */
@QueryHandler(ListDisputes)
export class ListDisputesHandler implements IQueryHandler<ListDisputes, DisputePage> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  async execute({ query, actor }: ListDisputes): Promise<DisputePage> {
    const { status, limit = 20, offset = 0 } = query;
    if (actor.role === 'rep' && query.repId !== undefined && query.repId !== actor.repId)
      throw new ForbiddenException('A rep lists only their own disputes');
    const repId = actor.role === 'rep' ? (actor.repId ?? '') : query.repId;
    const commissionOnly = actor.role === 'finance';
    return listDisputes(this.readModels.db, { status, repId, commissionOnly, limit, offset });
  }
}

export class GetDispute extends Query<DisputeAnswer> {
  constructor(
    readonly disputeId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetDispute)
export class GetDisputeHandler implements IQueryHandler<GetDispute, DisputeAnswer> {
  constructor(private readonly reads: DisputeReads) {}

  async execute({ disputeId, actor }: GetDispute): Promise<DisputeAnswer> {
    return this.reads.view(disputeId, actor);
  }
}
