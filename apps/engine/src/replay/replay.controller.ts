import type { Actor } from '@leadledger/auth';
import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';
import { badRequest } from '../http/validation';
import { QueryBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import type { AssignmentReplay } from '@leadledger/timelines';
import { GetAssignmentReplay } from './assignment-replay.handler';
import type { LineReplayAnswer } from '@leadledger/commissions';
import { GetLineReplay } from './line-replay.handler';
import { AssignmentReplayDto } from './assignment-replay.response';
import { LineReplayDto } from './line-replay.response';

/** Decisions re-run from the log, beside what was recorded: for settling "the rotation was unfair". */

const NOT_AN_ASSIGNMENT = 'must be a whole number: which assignment of the lead, 1 for the first';
@ApiTags('replay')
@ApiBearerAuth()
@Controller()
export class ReplayController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The lead's n-th assignment (1 = the first) decided again from the log up to the event before
   * it: the routing rules on the customer as it was then, and the pool's rotation with the policy
   * version in force then; `identical`, and on a difference which input differed.
   */
  @Get('leads/:id/assignments/:n/replay')
  @Roles('admin', 'manager', 'service', 'rep')
  @ApiOkResponse({
    description: 'What was recorded, what the rules give again, and which input differed',
    type: AssignmentReplayDto,
  })
  @ApiNotFoundResponse({ description: 'Unknown lead, or the lead has fewer assignments' })
  assignment(
    @Param('id') id: string,
    @Param('n', new ParseIntPipe({ exceptionFactory: () => badRequest([{ field: 'n', problem: NOT_AN_ASSIGNMENT }]) }))
    n: number,
    @CurrentActor() actor: Actor,
  ): Promise<AssignmentReplay> {
    // Assignments count from 1: 0 or less names none, however many the lead has (not a 404).
    if (n < 1) throw badRequest([{ field: 'n', problem: NOT_AN_ASSIGNMENT }]);
    return this.queries.execute(new GetAssignmentReplay(id, n, actor));
  }

  /**
   * A ledger line (`<source event id>:<n>`) posted again from the sale's events, the plan version,
   * the customer and leads as they were, the closed periods and the rep's credited base in the
   * period; the arithmetic step by step, `identical`, and on a difference which field differed.
   */
  @Get('ledger/lines/:id/replay')
  @Roles('admin', 'finance', 'manager', 'rep')
  @ApiOkResponse({
    description: 'The line as posted and as posted again, its arithmetic and its inputs',
    type: LineReplayDto,
  })
  @ApiBadRequestResponse({ description: 'Not a line id: <source event id>:<n>' })
  @ApiForbiddenResponse({ description: "A rep asking about another payee's line" })
  @ApiNotFoundResponse({ description: 'No such line in the ledger' })
  line(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<LineReplayAnswer> {
    return this.queries.execute(new GetLineReplay(id, actor));
  }
}
