import type { Actor } from '@leadledger/auth';
import type { HandOverRecord } from '@leadledger/workflows';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { DepartRepDto, HandOverDto, HandOverRecordDto } from './hand-over.dto';
import { DepartRep, HandOverWork } from './hand-over.handlers';

@ApiTags('reps')
@ApiBearerAuth()
@Controller('reps')
export class HandOverController {
  constructor(private readonly commands: CommandBus) {}

  /** 离职: removes the rep from every pool and hands each customer and open lead to a successor, or releases it. */
  @Post(':id/departure')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: HandOverRecordDto })
  @ApiConflictResponse({ description: 'Already departed, or the successor is not an active rep' })
  depart(@Param('id') id: string, @Body() body: DepartRepDto, @CurrentActor() actor: Actor): Promise<HandOverRecord> {
    return this.commands.execute(new DepartRep(id, body, actor));
  }

  /** 工作移交: every customer and open lead of the rep goes to another rep, each transfer recorded with the reason. */
  @Post(':id/hand-over')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOkResponse({ type: HandOverRecordDto })
  @ApiConflictResponse({ description: 'The rep departed, or the successor is not an active rep' })
  handOver(@Param('id') id: string, @Body() body: HandOverDto, @CurrentActor() actor: Actor): Promise<HandOverRecord> {
    return this.commands.execute(new HandOverWork(id, body, actor));
  }
}
