import type { CommissionPlan } from './commission-plan';

/** Every plan version is published on this one stream, which serialises version numbers and dates. */
export const PLAN_BOOK_STREAM = 'commission-plans';

export interface CommissionPlanPublished {
  readonly type: 'CommissionPlanPublished';
  readonly data: { readonly plan: CommissionPlan };
}

export type PlanBookEvent = CommissionPlanPublished;
