import { FOLLOW_UP_KINDS, type FollowUpKind } from '@leadledger/customers';
import { IsInstant } from '../http/instant';
import { ApiProperty, ApiPropertyOptional, IntersectionType, PickType } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { LeadContactDto } from '../leads/leads.dto';
import { IsQueryInstant, QUERY_INSTANT_DESCRIPTION } from '../platform/query-time';
import { CustomerListQueryDto } from './customer-list.dto';

/** The same contact fields, normalised the same way, as a lead's. */
export class FindCustomerQueryDto extends PickType(LeadContactDto, ['phone', 'email', 'company'] as const) {}

/** GET /customers takes a key to look one customer up, or the list filters (status, ownerId, paging). */
export class CustomersQueryDto extends IntersectionType(FindCustomerQueryDto, CustomerListQueryDto) {}

export class OwnerAsOfQueryDto {
  @ApiProperty({
    example: '2026-11-05T12:00:00+08:00',
    description: `The moment asked about. ${QUERY_INSTANT_DESCRIPTION}`,
  })
  @IsQueryInstant()
  asOf!: string;
}

export class OwnershipIntervalDto {
  @ApiProperty() repId!: string;
  @ApiProperty() from!: string;
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
  @ApiProperty() via!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The event that started the interval' }) eventId!: string;
}

export class CustomerOwnerDto {
  @ApiProperty() repId!: string;
  @ApiProperty({ description: 'Owner since (business time)' }) since!: string;
  @ApiProperty({ description: 'How the owner got the customer (OwnershipAssigned.via)' }) via!: string;
  @ApiProperty({ description: 'When protection ends without a follow-up' }) protectedUntil!: string;
  @ApiProperty({ description: 'Whether the warning (流失预警) of this protection window went out' }) warned!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'When the warning is or was due; null for a policy with no warning days',
  })
  warningDueAt!: string | null;
}

export class CustomerDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() firstLeadId!: string;
  @ApiProperty() firstLeadChannel!: string;
  @ApiProperty({ type: String, nullable: true }) finderRepId!: string | null;
  @ApiProperty({ type: CustomerOwnerDto, nullable: true }) owner!: CustomerOwnerDto | null;
  @ApiProperty({ type: String, nullable: true }) lastFollowUpAt!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) identityKeys!: { kind: string; value: string }[];
  @ApiProperty({ type: [OwnershipIntervalDto] }) ownership!: OwnershipIntervalDto[];
}

export class OwnerAsOfDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: OwnershipIntervalDto, nullable: true, description: 'null: nobody owned the customer then' })
  owner!: OwnershipIntervalDto | null;
}

const EFFECTIVE_AT =
  "(ISO 8601), to load history as it happened: not in the future, not before the customer's latest change, not in a closed commission period (409). Defaults to now";

export class ClaimCustomerDto {
  @ApiPropertyOptional({ description: 'The claiming rep: a manager or admin names one; a rep claims as themselves' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;

  @ApiPropertyOptional({
    description: `When the claim was made ${EFFECTIVE_AT}. It counts against the daily claim limit of the day it is dated`,
    example: '2026-03-16T09:00:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;
}

export class ReleaseCustomerDto {
  @ApiProperty({ example: 'customer chose another supplier; back to the shared pool' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;

  @ApiPropertyOptional({
    description:
      'The owner it is released from: a rep releases only their own customer; a manager or admin may name the owner (409 NotOwner if someone else owns it) or leave it out',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;

  @ApiPropertyOptional({
    description: `When the customer was released ${EFFECTIVE_AT}`,
    example: '2026-03-16T09:00:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;
}

export class LogFollowUpDto {
  @ApiProperty({ enum: FOLLOW_UP_KINDS })
  @IsIn(FOLLOW_UP_KINDS)
  kind!: FollowUpKind;

  @ApiProperty({ example: '到店看样品，报价下周给', minLength: 1, maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  note!: string;

  @ApiPropertyOptional({
    description: `When the follow-up happened ${EFFECTIVE_AT}`,
    example: '2026-03-16T09:00:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;

  @ApiPropertyOptional({
    description:
      'The older name of effectiveAt, kept for existing clients: a time in the future is a 400 naming it; otherwise the same rules. Give one or the other',
    deprecated: true,
  })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;

  @ApiPropertyOptional({ description: 'The owner a manager or admin logs it for; a rep logs as themselves' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;
}

export class FollowUpLoggedDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() repId!: string;
  @ApiProperty({ enum: FOLLOW_UP_KINDS }) kind!: string;
  @ApiProperty() note!: string;
  @ApiProperty({ description: 'When the follow-up happened' }) at!: string;
  @ApiProperty({ description: 'Protection now runs to this instant' }) protectedUntil!: string;
}

export class TransferCustomerDto {
  @ApiProperty({ description: 'The active rep who takes the customer over' })
  @IsString()
  @Length(1, 100)
  toRepId!: string;

  @ApiProperty({ example: 'territory change: the north-east accounts move to Li' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;

  @ApiPropertyOptional({
    description:
      "When the transfer took effect (ISO 8601), to load history as it happened: not in the future, not before the customer's latest change, not in a closed commission period (409). Defaults to now",
    example: '2026-03-16T09:00:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;
}
