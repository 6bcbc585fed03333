import type { Actor } from '@leadledger/auth';
import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { LeadAnswerDto } from '../leads/leads.dto';
import { ClaimLeadDto } from './lead-claim.dto';
import { ClaimLead } from './lead-claim.handler';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadClaimController {
  constructor(private readonly commands: CommandBus) {}

  /** Takes a lead waiting in a pool's queue, or one nobody holds; the lead's customer comes with it if unowned. */
  @Post(':id/claim')
  @HttpCode(200)
  @Roles('rep', 'manager', 'admin')
  @ApiOkResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'Someone claimed it first, or the lead is not waiting: names its state' })
  claim(@Param('id') id: string, @Body() body: ClaimLeadDto, @CurrentActor() actor: Actor): Promise<LeadAnswerDto> {
    return this.commands.execute(new ClaimLead(id, body, actor));
  }
}
