import type { Actor } from '@leadledger/auth';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiHeader,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';

/** Either id names a sale; the engine's id wins when an external id happens to equal another sale's id. */
const SALE_ID = ApiParam({
  name: 'id',
  description: "The engine's sale id, or the external id (contract number) the sale was recorded under",
});
import { CurrentActor, Roles } from '../auth/auth.decorators';
import {
  AttributionDto,
  AttributionQueryDto,
  CancelSaleDto,
  FindSalesQueryDto,
  RecordPaymentDto,
  RecordRefundDto,
  RecordSaleDto,
  SaleAnswerDto,
  SalesFoundDto,
} from './sales.dto';
import {
  FindSales,
  GetAttribution,
  GetSale,
  RecordSaleRequest,
  type SaleAnswer,
  SaleChangeRequest,
} from './sales.handlers';

@ApiTags('sales')
@ApiBearerAuth()
@Controller()
export class SalesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** 成交: records a sale; the same externalId again answers with the sale as recorded. */
  @Post('sales')
  @HttpCode(201)
  @Roles('service', 'admin', 'finance', 'manager')
  @ApiCreatedResponse({ description: 'The sale with its attribution and commission lines', type: SaleAnswerDto })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Recorded with the sale; its externalId is what makes a resend answer with the sale as recorded',
  })
  @ApiConflictResponse({
    description: 'NoPlanInEffect, ExternalIdReused, LeadRequired, LeadOfAnotherCustomer, LeadDisqualified',
  })
  record(
    @Body() body: RecordSaleDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<SaleAnswer> {
    return this.commands.execute(new RecordSaleRequest(body, actor, idempotencyKey ?? null));
  }

  /** The sale recorded under a contract number: a list of none or one. */
  @Get('sales')
  @Roles('service', 'admin', 'finance', 'manager', 'rep')
  @ApiOkResponse({
    description: '{ externalId, sales }: the sale recorded under externalId, or none',
    type: SalesFoundDto,
  })
  find(@Query() query: FindSalesQueryDto, @CurrentActor() actor: Actor): Promise<{ sales: SaleAnswer[] }> {
    return this.queries.execute(new FindSales(query.externalId, actor));
  }

  /** The sale (by the engine's id or its external id), what was collected and refunded, its attribution and lines. */
  @Get('sales/:id')
  @SALE_ID
  @Roles('service', 'admin', 'finance', 'manager', 'rep')
  @ApiOkResponse({ description: 'The sale with its attribution and commission lines', type: SaleAnswerDto })
  get(@Param('id') id: string, @CurrentActor() actor: Actor): Promise<SaleAnswer> {
    return this.queries.execute(new GetSale(id, actor));
  }

  /** 回款 received against the sale; never more than its net amount. */
  @Post('sales/:id/payments')
  @SALE_ID
  @HttpCode(201)
  @Roles('service', 'admin', 'finance')
  @ApiCreatedResponse({ description: 'The sale with the payment', type: SaleAnswerDto })
  @ApiConflictResponse({ description: 'PaymentExceedsOutstanding, SaleCancelled, ExternalIdReused' })
  pay(@Param('id') id: string, @Body() body: RecordPaymentDto, @CurrentActor() actor: Actor): Promise<SaleAnswer> {
    return this.commands.execute(new SaleChangeRequest(id, { kind: 'payment', body }, actor));
  }

  /** A partial or full refund; inside the plan's clawback window it claws commission back. */
  @Post('sales/:id/refunds')
  @SALE_ID
  @HttpCode(201)
  @Roles('service', 'admin', 'finance')
  @ApiCreatedResponse({ description: 'The sale with the refund (and any clawback lines)', type: SaleAnswerDto })
  @ApiConflictResponse({ description: 'RefundExceedsNet, SaleCancelled, ExternalIdReused' })
  refund(@Param('id') id: string, @Body() body: RecordRefundDto, @CurrentActor() actor: Actor): Promise<SaleAnswer> {
    return this.commands.execute(new SaleChangeRequest(id, { kind: 'refund', body }, actor));
  }

  /** Voids the sale: what remains of it counts as refunded. */
  @Post('sales/:id/cancellation')
  @SALE_ID
  @HttpCode(200)
  @Roles('service', 'admin', 'finance')
  @ApiOkResponse({ description: 'The sale, cancelled', type: SaleAnswerDto })
  cancel(@Param('id') id: string, @Body() body: CancelSaleDto, @CurrentActor() actor: Actor): Promise<SaleAnswer> {
    return this.commands.execute(new SaleChangeRequest(id, { kind: 'cancellation', body }, actor));
  }

  /** Net revenue by credited rep, attribution class and first-lead channel, for sales closed in [from, to). */
  @Get('attribution')
  @Roles('admin', 'manager', 'finance')
  @ApiOkResponse({ type: AttributionDto })
  attribution(@Query() query: AttributionQueryDto) {
    return this.queries.execute(new GetAttribution(query.from, query.to));
  }
}
