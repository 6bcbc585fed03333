import { PAYEE_KINDS, type PayeeKind } from '@leadledger/commissions';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MAX_AMOUNT_MINOR } from '@leadledger/kernel';
import { IsCurrencyCode, IsSignedMinorUnits } from '../http/money-fields';
import { IsIn, IsNotIn, IsOptional, IsString, Length } from 'class-validator';

export class PostAdjustmentDto {
  @ApiProperty({ enum: PAYEE_KINDS }) @IsIn(PAYEE_KINDS) payeeKind!: PayeeKind;

  @ApiProperty() @IsString() @Length(1, 100) payeeId!: string;

  @ApiProperty({
    description:
      'Signed minor units: positive pays more, negative takes back; at most 10^13 (MAX_AMOUNT_MINOR) either way',
    maximum: MAX_AMOUNT_MINOR,
    minimum: -MAX_AMOUNT_MINOR,
  })
  @IsSignedMinorUnits()
  @IsNotIn([0], { message: 'amount must not be zero' })
  amount!: number;

  @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ description: 'Why; mandatory, shown on the statement' }) @IsString() @Length(1, 500) reason!: string;

  @ApiPropertyOptional({ description: 'The open period to post to (2026-11); the current open one when absent' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  period?: string;

  @ApiPropertyOptional({ description: 'What is being corrected: a sale id, a line id' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;
}

export class RunPayoutDto {
  @ApiProperty({ description: "The period to pay and close, on the plans' calendar (2026-11 or 2026-Q4)" })
  @IsString()
  @Length(1, 20)
  period!: string;
}

export class ReconciliationQueryDto {
  @ApiProperty({ example: '2026-11' }) @IsString() @Length(1, 20) period!: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class StatementQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
