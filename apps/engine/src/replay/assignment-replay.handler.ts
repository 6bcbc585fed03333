import type { Actor } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import { NotFoundError } from '@leadledger/kernel';
import { type AssignmentReplay, replayAssignment } from '@leadledger/timelines';
import { type IQueryHandler, Query, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { GetLead } from '../leads/lead-queries.handlers';

export class GetAssignmentReplay extends Query<AssignmentReplay> {
  constructor(
    readonly leadId: string,
    readonly assignment: number,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetAssignmentReplay)
export class GetAssignmentReplayHandler implements IQueryHandler<GetAssignmentReplay, AssignmentReplay> {
  constructor(
    private readonly queries: QueryBus,
    private readonly store: EventStore,
  ) {}

  async execute({ leadId, assignment, actor }: GetAssignmentReplay): Promise<AssignmentReplay> {
    // The lead's own answer decides 404 and what a rep may see.
    await this.queries.execute(new GetLead(leadId, actor));
    const replay = await replayAssignment(this.store, leadId, assignment);
    if (!replay) throw new NotFoundError(`assignment ${assignment} of lead`, leadId);
    return replay;
  }
}
