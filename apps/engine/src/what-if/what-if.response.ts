import {
  ATTRIBUTION_CLASSES,
  type AttributionClass,
  LINE_KINDS,
  type LineKind,
  type LineRule,
  type PayeeRole,
} from '@leadledger/commissions';
import { POOL_STRATEGIES, type PoolStrategy } from '@leadledger/routing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LINE_RULES, PAYEE_ROLES, PayeeDto } from '../commissions/ledger-line.response';
import { ApiInstant, ApiMinorSum, ApiMinorUnits, ApiPosition } from '../http/response-schemas';
import { ROUTING_CHANGE_KINDS } from './what-if.dto';

/** Documentation only: the what-if answers (`RoutingWhatIfAnswer`, `PlanWhatIfAnswer`). */

const DAY = { example: '2026-03-02', format: 'date' } as const;

/** A change as the what-if applied it: the request's, with `from` filled in. */
export class AppliedRoutingChangeDto {
  @ApiProperty({ enum: ROUTING_CHANGE_KINDS }) kind!: (typeof ROUTING_CHANGE_KINDS)[number];
  @ApiProperty({ ...DAY, description: 'The business day it takes effect' }) from!: string;
  @ApiPropertyOptional({ description: 'member and remove-member' }) repId?: string;
  @ApiPropertyOptional({ type: 'integer' }) weight?: number;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'null lifts the cap' }) dailyCap?: number | null;
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'null lifts the cap' })
  monthlyCap?: number | null;
  @ApiPropertyOptional({ enum: POOL_STRATEGIES, description: 'strategy' }) strategy?: PoolStrategy;
}

export class LeadWhatIfDto {
  @ApiProperty() leadId!: string;
  @ApiInstant({ description: "The pool's first decision about the lead in the window" }) arrivedAt!: string;
  @ApiProperty({ ...DAY, description: 'Its business day' }) day!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The rep holding it at the window’s end; null: queued' })
  actual!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The same with the changes' }) whatIf!: string | null;
  @ApiProperty() changed!: boolean;
}

export class CountWhatIfDto {
  @ApiProperty({ type: 'integer' }) actual!: number;
  @ApiProperty({ type: 'integer' }) whatIf!: number;
  @ApiProperty({ type: 'integer', description: 'whatIf − actual' }) difference!: number;
}

export class RepWhatIfDto extends CountWhatIfDto {
  @ApiProperty() repId!: string;
}

export class RoutingWhatIfAnswerDto {
  @ApiProperty() poolId!: string;
  @ApiProperty({ ...DAY, description: 'First day of the window' }) from!: string;
  @ApiProperty({ ...DAY, description: 'Day the window ends (exclusive)' }) to!: string;
  @ApiProperty({ example: 'Asia/Shanghai', description: 'The zone the days are in' }) timeZone!: string;
  @ApiProperty({ type: [AppliedRoutingChangeDto] }) changes!: AppliedRoutingChangeDto[];
  @ApiProperty({ type: 'integer', description: "The pool's events read (before the window and in it)" })
  eventsRead!: number;
  @ApiProperty({ type: 'integer' }) eventsInWindow!: number;
  @ApiProperty({ type: [LeadWhatIfDto], description: 'Every lead the pool decided about in the window' })
  leads!: LeadWhatIfDto[];
  @ApiProperty({ type: [RepWhatIfDto], description: 'Leads held per rep, in fact and in the what-if' })
  reps!: RepWhatIfDto[];
  @ApiProperty({ type: CountWhatIfDto, description: 'Leads held by nobody (queued)' }) unassigned!: CountWhatIfDto;
  @ApiProperty({ type: 'integer' }) changedLeads!: number;
}

export class WhatIfLineDto {
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty({ enum: PAYEE_ROLES, nullable: true }) role!: PayeeRole | null;
  @ApiProperty({ enum: LINE_KINDS }) kind!: LineKind;
  @ApiProperty({ enum: LINE_RULES }) rule!: LineRule;
  @ApiProperty() naturalPeriod!: string;
  @ApiMinorUnits({ description: 'Signed minor units' }) amount!: number;
  @ApiProperty() arithmetic!: string;
}

export class SaleUnderPlanDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ enum: ATTRIBUTION_CLASSES }) attributionClass!: AttributionClass;
  @ApiProperty({ type: [WhatIfLineDto] }) lines!: WhatIfLineDto[];
}

export class SaleWhatIfDto {
  @ApiProperty() saleId!: string;
  @ApiProperty() externalId!: string;
  @ApiInstant() closedAt!: string;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorUnits() amount!: number;
  @ApiProperty() creditedRepId!: string;
  @ApiProperty({ type: SaleUnderPlanDto, description: 'Under the versions it was paid under' })
  actual!: SaleUnderPlanDto;
  @ApiProperty({ type: SaleUnderPlanDto, nullable: true, description: "null: not in the draft's currency" })
  whatIf!: SaleUnderPlanDto | null;
}

export class CurrencyWhatIfDto {
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorSum('As paid') actual!: number | string;
  @ApiMinorSum('Under the draft') whatIf!: number | string;
  @ApiMinorSum('whatIf − actual') difference!: number | string;
}

export class PayeeWhatIfDto extends CurrencyWhatIfDto {
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
}

export class DraftPlanDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty({ example: 'CNY' }) currency!: string;
}

export class PlanWhatIfAnswerDto {
  @ApiProperty({ example: '2026-03' }) period!: string;
  @ApiInstant({ description: "The period's first instant on the draft's calendar" }) from!: string;
  @ApiInstant({ description: "The next period's first instant" }) to!: string;
  @ApiProperty({ type: DraftPlanDto }) draft!: DraftPlanDto;
  @ApiPosition('The global position the sales were read up to (decimal string)') position!: string;
  @ApiProperty({ type: [SaleWhatIfDto] }) sales!: SaleWhatIfDto[];
  @ApiProperty({ type: [PayeeWhatIfDto], description: 'Per payee and currency: the lines of the period’s sales' })
  payees!: PayeeWhatIfDto[];
  @ApiProperty({ type: [CurrencyWhatIfDto], description: 'Per currency' }) totals!: CurrencyWhatIfDto[];
  @ApiProperty({ type: 'integer', description: "Sales left out: not in the draft's currency" })
  otherCurrencySales!: number;
}
