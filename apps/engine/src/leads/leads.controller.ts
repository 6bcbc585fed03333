import type { Actor } from '@leadledger/auth';
import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { LeadAnswerDto, ReceiveLeadDto } from './leads.dto';
import { ReceiveLead } from './leads.handlers';

@ApiTags('leads')
@ApiBearerAuth()
@Controller('leads')
export class LeadsController {
  constructor(private readonly commands: CommandBus) {}

  /** Takes a lead in, matches its customer and routes it; the same external id or key gives the same answer. */
  @Post()
  @HttpCode(201)
  @Roles('admin', 'manager', 'service', 'rep')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retries with the same key give the same lead' })
  @ApiCreatedResponse({ type: LeadAnswerDto })
  @ApiConflictResponse({ description: 'A rep-sourced lead for a colleague’s customer: names the owner' })
  receive(
    @Body() body: ReceiveLeadDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<LeadAnswerDto> {
    return this.commands.execute(new ReceiveLead(body, actor, idempotencyKey ?? null));
  }
}
