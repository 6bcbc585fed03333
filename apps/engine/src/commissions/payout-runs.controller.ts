import type { PayoutRunDetail } from '@leadledger/commissions';
import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/auth.decorators';
import { ApiJsonOrCsvResponse } from '../http/response-schemas';
import { answer, periodOfPath } from './csv-answer';
import { PayoutRunDetailDto, PayoutRunPageDto } from './payout-run.response';
import { PayoutRunQueryDto, PayoutRunsQueryDto } from './payout-runs.dto';
import { GetPayoutRun, ListPayoutRuns, type PayoutRunPage } from './payout-runs.handlers';
import { payoutRunCsv, payoutRunListCsv } from './payout-runs-csv';

/** Reading back what was paid: the payout runs, as JSON or CSV (`format=csv`, `Accept: text/csv` or `.csv`). */
@ApiTags('commissions')
@ApiBearerAuth()
@Controller()
export class PayoutRunsController {
  constructor(private readonly queries: QueryBus) {}

  /** Every payout run, newest first: period, actor, time, payees paid and totals. */
  @Get(['payout-runs', 'payout-runs.csv'])
  @Roles('admin', 'finance', 'manager')
  @ApiJsonOrCsvResponse('{ runs, next }: pass `next` as `before` for the following page', PayoutRunPageDto)
  async list(@Query() query: PayoutRunsQueryDto, @Res() res: Response) {
    const page: PayoutRunPage = await this.queries.execute(new ListPayoutRuns(query.limit ?? 20, query.before ?? null));
    return answer(res, query.format, page, payoutRunListCsv, 'payout-runs');
  }

  /** The run of one period: each payment, the balance it carried in and the statement lines it settled. */
  @Get('payout-runs/:period')
  @Roles('admin', 'finance', 'manager')
  @ApiJsonOrCsvResponse(
    'The run: each payment, the balance it carried in and the statement lines it settled',
    PayoutRunDetailDto,
  )
  @ApiNotFoundResponse({ description: 'No run was made for this period' })
  async get(@Param('period') param: string, @Query() query: PayoutRunQueryDto, @Res() res: Response) {
    const period = periodOfPath(param);
    const run: PayoutRunDetail = await this.queries.execute(new GetPayoutRun(period));
    return answer(res, query.format, run, payoutRunCsv, `payout-run-${period}`);
  }
}
