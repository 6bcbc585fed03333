import type { Actor } from '@leadledger/auth';
import { type LineReplayAnswer, NOT_A_LINE_ID, parseLineId, replayLine, sqlLedgerView } from '@leadledger/commissions';
import { EventStore } from '@leadledger/event-store';
import { NotFoundError } from '@leadledger/kernel';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { customerLinkedStreams } from '@leadledger/timelines';
import { ForbiddenException } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { badRequest } from '../http/validation';

export class GetLineReplay extends Query<LineReplayAnswer> {
  constructor(
    readonly lineId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * One ledger line posted again from the streams that decide it, beside the line the ledger
 * holds. 400 for an id not of the `<event id>:<n>` shape, 404 for a line the ledger does not
 * hold, 403 for a rep asking about another payee's line (as for statements).
 */
@QueryHandler(GetLineReplay)
export class GetLineReplayHandler implements IQueryHandler<GetLineReplay, LineReplayAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  async execute({ lineId, actor }: GetLineReplay): Promise<LineReplayAnswer> {
    if (!parseLineId(lineId)) throw badRequest([{ field: 'id', problem: NOT_A_LINE_ID }]);
    // The ledger as it stands once it has applied the log up to now, like a statement.
    await this.projections.reached(await this.store.headPosition());
    const db = this.readModels.connection;
    const ledger = sqlLedgerView(db);
    const line = ledger.line(lineId);
    if (!line) throw new NotFoundError('ledger line', lineId);
    if (actor.role === 'rep' && (line.payee.kind !== 'rep' || line.payee.id !== actor.repId))
      throw new ForbiddenException('A rep replays only their own lines');
    const customerSaleStreams = (customerId: string) =>
      customerLinkedStreams(db, customerId).filter((stream) => stream.startsWith('sale-'));
    const replay = await replayLine({ store: this.store, ledger, customerSaleStreams }, lineId);
    if (!replay) throw new NotFoundError('ledger line', lineId);
    return replay;
  }
}
