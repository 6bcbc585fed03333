import { type PayoutRunDetail, type PayoutRunSummary, listPayoutRuns, payoutRunOf } from '@leadledger/commissions';
import { NotFoundError } from '@leadledger/kernel';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CommissionBooks } from './commissions.handlers';

export interface PayoutRunPage {
  readonly runs: readonly PayoutRunSummary[];
  /** Pass as `before` for the next page; null on the last one. */
  readonly next: string | null;
}

export class ListPayoutRuns extends Query<PayoutRunPage> {
  constructor(
    readonly limit: number,
    readonly before: string | null,
  ) {
    super();
  }
}

/** Payout runs newest first, a page at a time, once the read models have applied the whole log. */
@QueryHandler(ListPayoutRuns)
export class ListPayoutRunsHandler implements IQueryHandler<ListPayoutRuns, PayoutRunPage> {
  constructor(private readonly books: CommissionBooks) {}

  async execute({ limit, before }: ListPayoutRuns): Promise<PayoutRunPage> {
    if (before !== null) await this.books.requirePeriod(before, 'before');
    const { db } = await this.books.settledLedger();
    return listPayoutRuns(db, { limit, before });
  }
}

export class GetPayoutRun extends Query<PayoutRunDetail> {
  constructor(readonly period: string) {
    super();
  }
}

/** The run of one period: who was paid what, by whom and when, and the lines each payment settled; 404 if none. */
@QueryHandler(GetPayoutRun)
export class GetPayoutRunHandler implements IQueryHandler<GetPayoutRun, PayoutRunDetail> {
  constructor(private readonly books: CommissionBooks) {}

  async execute({ period }: GetPayoutRun): Promise<PayoutRunDetail> {
    await this.books.requirePeriod(period);
    const { db } = await this.books.settledLedger();
    const run = payoutRunOf(db, period);
    if (!run) throw new NotFoundError('payout run of period', period);
    return run;
  }
}
