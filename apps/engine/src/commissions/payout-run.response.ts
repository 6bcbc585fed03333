import { ApiProperty } from '@nestjs/swagger';
import { ApiInstant, ApiMinorSum, ApiMinorUnits, ApiPosition } from '../http/response-schemas';
import { PayeeDto, StatementLineDto } from './ledger-line.response';

/** Documentation only: payout runs, their preview and what running one answers. */

export class CurrencyAmountDto {
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorUnits() amount!: number;
}

export class PayoutDto {
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorUnits({ description: "The payee's positive due balance through the period" }) amount!: number;
}

export class PayoutPreviewDto {
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiPosition('The ledger was read up to this global log position (decimal string)') ledgerPosition!: string;
  @ApiProperty({ type: [PayoutDto], description: 'What a run would pay, by payee and currency' })
  payouts!: PayoutDto[];
}

/** The PeriodClosed event's data: the summary every run view starts from. */
export class PayoutRunClosedDto {
  @ApiProperty({ example: 'payout-2026-11' }) payoutRunId!: string;
  @ApiProperty({ example: '2026-11' }) period!: string;
  @ApiPosition('The ledger was read up to this global log position (decimal string)') ledgerPosition!: string;
  @ApiProperty({ type: 'integer' }) payeesPaid!: number;
  @ApiProperty({ type: [CurrencyAmountDto], description: 'Paid in total, per currency' }) totals!: CurrencyAmountDto[];
}

export class PayoutRunActorDto {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'finance' }) role!: string;
}

export class PayoutRunSummaryDto extends PayoutRunClosedDto {
  @ApiProperty({ type: String, nullable: true, description: 'The period closed before this run; null for the first' })
  previousPeriod!: string | null;
  @ApiInstant({ description: 'When the run was made (business time)' }) closedAt!: string;
  @ApiInstant({ description: 'When the log recorded it' }) recordedAt!: string;
  @ApiProperty({ type: PayoutRunActorDto }) actor!: PayoutRunActorDto;
}

export class PayoutRunPageDto {
  @ApiProperty({ type: [PayoutRunSummaryDto], description: 'Newest first' }) runs!: PayoutRunSummaryDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for the next page; null on the last' })
  next!: string | null;
}

export class PayoutRunPaymentDto {
  @ApiProperty({ type: PayeeDto }) payee!: PayeeDto;
  @ApiProperty({ example: 'CNY' }) currency!: string;
  @ApiMinorUnits({ description: '= carriedIn + the sum of settledLines' }) amount!: number;
  @ApiProperty({ description: "The payout line the payment posted to the payee's ledger" }) lineId!: string;
  @ApiMinorSum("The balance through the previous run's period") carriedIn!: number | string;
  @ApiProperty({ type: [StatementLineDto], description: 'The lines after the previous run that this one settled' })
  settledLines!: StatementLineDto[];
}

export class PayoutRunDetailDto extends PayoutRunSummaryDto {
  @ApiProperty({ type: [PayoutRunPaymentDto] }) payments!: PayoutRunPaymentDto[];
}
