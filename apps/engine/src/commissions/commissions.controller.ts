import type { Actor } from '@leadledger/auth';
import {
  type CommissionPlan,
  type LedgerStatement,
  type Reconciliation,
  commissionPlanJsonSchema,
} from '@leadledger/commissions';
import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiExtraModels,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import type { Response } from 'express';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ApiJsonOrCsvResponse } from '../http/response-schemas';
import { AdjustmentDto } from './adjustment.response';
import { PostAdjustmentDto, ReconciliationQueryDto, RunPayoutDto, StatementQueryDto } from './commissions.dto';
import {
  GetReconciliation,
  GetStatement,
  ListPlans,
  PostAdjustmentRequest,
  PreviewPayout,
  PublishPlanRequest,
  RunPayoutRequest,
} from './commissions.handlers';
import { answer } from './csv-answer';
import { reconciliationCsv, statementCsv } from './ledger-csv';
import { PayoutPreviewDto, PayoutRunClosedDto, PayoutRunDetailDto } from './payout-run.response';
import { ReconciliationDto } from './reconciliation.response';
import { StatementDto } from './statement.response';

const PLAN_SCHEMA = commissionPlanJsonSchema() as SchemaObject;
/** A statement in JSON, or CSV with `format=csv` or `Accept: text/csv`. */
const STATEMENT = 'The statement: lines and totals (opening, accrued, clawed back, adjusted, paid, closing due)';

@ApiTags('commissions')
@ApiBearerAuth()
@Controller()
export class CommissionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  /** Publishes a plan version; versions never change, a new one applies from its effectiveFrom. */
  @Post('commission-plans')
  @HttpCode(201)
  @Roles('admin', 'finance')
  @ApiBody({
    description: 'A plan version; field reference in docs/commissions.md',
    schema: PLAN_SCHEMA,
  })
  @ApiConflictResponse({
    description:
      'VersionNotNext, VersionAlreadyPublished, NotAfterLatestPlan, PeriodCalendarChanged; RetroactivePlan naming the closed period or accrued line on or after effectiveFrom',
  })
  @ApiCreatedResponse({ description: 'The plan version as published', schema: PLAN_SCHEMA })
  publish(@Body() body: unknown, @CurrentActor() actor: Actor): Promise<CommissionPlan> {
    return this.commands.execute(new PublishPlanRequest(body, actor));
  }

  @Get('commission-plans')
  @Roles('admin', 'finance', 'manager', 'service', 'rep')
  @ApiOkResponse({ description: 'Every published plan version', schema: { type: 'array', items: PLAN_SCHEMA } })
  plans(): Promise<readonly CommissionPlan[]> {
    return this.queries.execute(new ListPlans());
  }

  /** A manual adjustment with its mandatory reason, posted to an open period. */
  @Post('ledger/adjustments')
  @HttpCode(201)
  @Roles('admin', 'finance', 'manager')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A resend with the same key (from the same API key) answers the adjustment already posted',
  })
  @ApiCreatedResponse({
    description: 'The adjustment as recorded, with the period it was posted to',
    type: AdjustmentDto,
  })
  @ApiConflictResponse({
    description: 'PeriodClosed: names the earliest open period; IdempotencyKeyReused: names the differing fields',
  })
  adjust(
    @Body() body: PostAdjustmentDto,
    @CurrentActor() actor: Actor,
    @Headers('Idempotency-Key') idempotencyKey?: string,
  ): Promise<object> {
    return this.commands.execute(new PostAdjustmentRequest(body, actor, idempotencyKey ?? null));
  }

  /** What a payout run for the period would pay, without running it. */
  @Get('payout-runs/:period/preview')
  @Roles('admin', 'finance', 'manager')
  @ApiOkResponse({ description: 'What a payout run for the period would pay, per payee', type: PayoutPreviewDto })
  @ApiConflictResponse({
    description: 'PeriodClosed (names the run that closed it), BalanceBeyondSafeRange',
  })
  preview(@Param('period') period: string): Promise<object> {
    return this.queries.execute(new PreviewPayout(period));
  }

  /** Pays each payee's positive due balance and closes the period; a second run is 409. */
  @Post('payout-runs')
  @HttpCode(201)
  @Roles('admin', 'finance')
  @ApiExtraModels(PayoutRunDetailDto, PayoutRunClosedDto)
  @ApiCreatedResponse({
    description:
      'The run as GET /payout-runs/:period shows it: each payment and the lines it settled. Only when the read models cannot show it at that moment (503 on reads), the closing summary alone: payees paid and totals',
    schema: { anyOf: [{ $ref: getSchemaPath(PayoutRunDetailDto) }, { $ref: getSchemaPath(PayoutRunClosedDto) }] },
  })
  @ApiConflictResponse({ description: 'PeriodAlreadyClosed (names the run that closed it), PeriodNotEnded' })
  payout(@Body() body: RunPayoutDto, @CurrentActor() actor: Actor): Promise<object> {
    return this.commands.execute(new RunPayoutRequest(body.period, actor));
  }

  /** A rep's statement: lines and totals (opening, accrued, clawed back, adjusted, paid, closing due). */
  @Get('reps/:id/statements/:period')
  @Roles('admin', 'finance', 'manager', 'rep')
  @ApiJsonOrCsvResponse(STATEMENT, StatementDto)
  async repStatement(
    @Param('id') id: string,
    @Param('period') period: string,
    @Query() query: StatementQueryDto,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ) {
    const statement: LedgerStatement = await this.queries.execute(new GetStatement({ kind: 'rep', id }, period, actor));
    return answer(res, query.format, statement, statementCsv, `statement-rep-${id}-${period}`);
  }

  /** A referral partner's statement (渠道/中介 fees). */
  @Get('partners/:id/statements/:period')
  @Roles('admin', 'finance', 'manager')
  @ApiJsonOrCsvResponse(STATEMENT, StatementDto)
  async partnerStatement(
    @Param('id') id: string,
    @Param('period') period: string,
    @Query() query: StatementQueryDto,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ) {
    const statement: LedgerStatement = await this.queries.execute(
      new GetStatement({ kind: 'partner', id }, period, actor),
    );
    return answer(res, query.format, statement, statementCsv, `statement-partner-${id}-${period}`);
  }

  /** Per payee and in total, the ledger beside a control total recomputed from the log; `matches` flags differences. */
  @Get('reconciliation')
  @Roles('admin', 'finance')
  @ApiJsonOrCsvResponse(
    'Per payee and in total: the ledger, the control total and whether they match',
    ReconciliationDto,
  )
  async reconciliation(@Query() query: ReconciliationQueryDto, @Res() res: Response) {
    const reconciliation: Reconciliation = await this.queries.execute(new GetReconciliation(query.period));
    return answer(res, query.format, reconciliation, reconciliationCsv, `reconciliation-${query.period}`);
  }
}
