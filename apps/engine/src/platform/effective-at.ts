import {
  COMMISSION_PERIODS_STREAM,
  PLAN_BOOK_STREAM,
  backdatingRefusal,
  commissionPeriodsDecider,
  latestSaleOfCustomerFrom,
  planBookDecider,
  recordedSaleRefusal,
} from '@leadledger/commissions';
import { EventStore, loadState } from '@leadledger/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import type { Clock } from '@leadledger/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { RefusalException } from '../http/refusal.exception';
import { CLOCK } from './tokens';

/**
 * The business time of a change a request may date in the past (`effectiveAt`): now when
 * absent; else that instant, unless it is in the future or in a closed commission period
 * (409). The facts come from the plan book's and the periods' own streams, never stale.
 */
@Injectable()
export class EffectiveTimes {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  async at(effectiveAt: string | undefined): Promise<string> {
    const now = this.clock.now().toISOString();
    if (effectiveAt === undefined) return now;
    const [plans, periods] = await Promise.all([
      loadState(this.store, PLAN_BOOK_STREAM, planBookDecider),
      loadState(this.store, COMMISSION_PERIODS_STREAM, commissionPeriodsDecider),
    ]);
    const calendar = plans.state.plans[0] ?? null;
    const closedThrough = periods.state.closedThrough;
    const refusal = backdatingRefusal(effectiveAt, { now, closedThrough, calendar });
    if (refusal) throw new RefusalException(refusal);
    return new Date(effectiveAt).toISOString();
  }

  /**
   * As `at`, for a change of the customer's owner (a claim, release or transfer): a dated one
   * may not fall at or before a sale of the customer already recorded (409), whose credit
   * followed the owner then. Read from the sales' read model once it has applied the log.
   */
  async ofOwnerChange(customerId: string, effectiveAt: string | undefined): Promise<string> {
    const at = await this.at(effectiveAt);
    if (effectiveAt === undefined) return at;
    await this.projections.reached(await this.store.headPosition());
    const refusal = recordedSaleRefusal(at, latestSaleOfCustomerFrom(this.readModels.db, customerId, at));
    if (refusal) throw new RefusalException(refusal);
    return at;
  }
}
