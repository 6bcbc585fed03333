import {
  COMMISSION_PERIODS_STREAM,
  PLAN_BOOK_STREAM,
  backdatingRefusal,
  commissionPeriodsDecider,
  planBookDecider,
} from '@leadledger/commissions';
import { EventStore, loadState } from '@leadledger/event-store';
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
}
