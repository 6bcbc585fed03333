import { NestedObject } from '../http/nested-object';
import { IsInstant } from '../http/instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCurrencyCode, IsMinorUnits } from '../http/money-fields';
import { IsOptional, IsString, Length } from 'class-validator';
import { IsQueryInstant, QUERY_INSTANT_DESCRIPTION } from '../platform/query-time';

/** The customer's identity keys, when the source system does not know our customer id. */
export class SaleCustomerKeysDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) phone?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) company?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 50) registrationNumber?: string;
}

export class RecordSaleDto {
  @ApiProperty({ description: 'The order or contract number in the source system; recording it again is a no-op' })
  @IsString()
  @Length(1, 200)
  externalId!: string;

  @ApiPropertyOptional({ description: 'Our customer id; or give customerKeys' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  customerId?: string;

  @ApiPropertyOptional({ type: SaleCustomerKeysDto })
  @IsOptional()
  @NestedObject(() => SaleCustomerKeysDto)
  customerKeys?: SaleCustomerKeysDto;

  @ApiProperty({ description: 'Minor units (fen, cents), 1 to 10^13 (MAX_AMOUNT_MINOR)', example: 1200000 })
  @IsMinorUnits(1)
  amount!: number;

  @ApiPropertyOptional({
    description: 'Cost of goods in minor units (0 to 10^13), for plans paying on gross margin',
  })
  @IsOptional()
  @IsMinorUnits(0)
  cost?: number;

  @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ description: 'When the deal closed (ISO 8601)' })
  @IsInstant()
  closedAt!: string;

  @ApiProperty()
  @IsString()
  @Length(1, 100)
  closingRepId!: string;

  @ApiPropertyOptional({ description: 'The lead the contract was pushed down from; required when the policy says so' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  leadId?: string;
}

export class RecordPaymentDto {
  @ApiProperty({ description: 'The receipt number in the source system; recording it again is a no-op' })
  @IsString()
  @Length(1, 200)
  externalId!: string;

  @ApiProperty({ description: 'Minor units, 1 to 10^13 (MAX_AMOUNT_MINOR)' })
  @IsMinorUnits(1)
  amount!: number;

  @IsCurrencyCode()
  currency!: string;

  @ApiProperty({ description: 'When the money arrived (ISO 8601)' })
  @IsInstant()
  receivedAt!: string;
}

export class RecordRefundDto {
  @ApiProperty() @IsString() @Length(1, 200) externalId!: string;

  @ApiProperty({ description: 'Minor units, 1 to 10^13 (MAX_AMOUNT_MINOR)' })
  @IsMinorUnits(1)
  amount!: number;

  @IsCurrencyCode()
  currency!: string;

  @ApiProperty() @IsInstant() refundedAt!: string;

  @ApiProperty() @IsString() @Length(1, 500) reason!: string;
}

export class CancelSaleDto {
  @ApiProperty() @IsString() @Length(1, 500) reason!: string;

  @ApiPropertyOptional({ description: 'When it was cancelled; now when absent' })
  @IsOptional()
  @IsInstant()
  cancelledAt?: string;
}

export class AttributionQueryDto {
  @ApiProperty({ description: `Sales closed at or after. ${QUERY_INSTANT_DESCRIPTION}` })
  @IsQueryInstant()
  from!: string;
  @ApiProperty({ description: `Sales closed before. ${QUERY_INSTANT_DESCRIPTION}` }) @IsQueryInstant() to!: string;
}

export class FindSalesQueryDto {
  @ApiProperty({ description: 'The order or contract number the sale was recorded under', example: 'SO-2026-0042' })
  @IsString()
  @Length(1, 200)
  externalId!: string;
}

/** The answer of every sale route: GET /sales/:id and what a write left (SaleAnswer in sales.handlers.ts). */
export class SaleAnswerDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The sale as recorded (the SaleRecorded event data: ids, amount, currency, closedAt …)',
  })
  sale!: object;
  @ApiProperty({ enum: ['open', 'cancelled'] }) status!: 'open' | 'cancelled';
  @ApiProperty({ type: 'integer', description: 'Collected (回款), in minor units' }) collectedTotal!: number;
  @ApiProperty({ type: 'integer', description: 'Refunded, in minor units' }) refundedTotal!: number;
  @ApiProperty({ type: 'integer', description: 'Amount less refunds, in minor units; 0 once cancelled' })
  netAmount!: number;
  @ApiProperty({ type: 'integer', description: 'Net amount not yet collected, in minor units' }) outstanding!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Who is credited, by which class' })
  attribution!: object;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'The ledger lines of the sale (accruals, clawbacks, partner fees)',
  })
  commissionLines!: object[];
}

export class SalesFoundDto {
  @ApiProperty() externalId!: string;
  @ApiProperty({ type: [SaleAnswerDto], description: 'The sale recorded under externalId, or none' })
  sales!: SaleAnswerDto[];
}

export class AttributionRowDto {
  @ApiProperty() repId!: string;
  @ApiProperty() attributionClass!: string;
  @ApiProperty({ type: String, nullable: true, description: "The first lead's channel" }) channel!: string | null;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: 'integer' }) sales!: number;
  @ApiProperty({ type: 'integer', description: 'Booked revenue less refunds and cancellations, in minor units' })
  netRevenue!: number;
  @ApiProperty({ type: 'integer', description: 'In minor units' }) collected!: number;
}

export class AttributionDto {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({ type: [AttributionRowDto] }) rows!: AttributionRowDto[];
}
