import { ApiProperty, PickType } from '@nestjs/swagger';
import { IsISO8601 } from 'class-validator';
import { LeadContactDto } from '../leads/leads.dto';

/** The same contact fields, normalised the same way, as a lead's. */
export class FindCustomerQueryDto extends PickType(LeadContactDto, ['phone', 'email', 'company'] as const) {}

export class OwnerAsOfQueryDto {
  @ApiProperty({ example: '2026-11-05T12:00:00+08:00' })
  @IsISO8601({ strict: true })
  asOf!: string;
}

export class OwnershipIntervalDto {
  @ApiProperty() repId!: string;
  @ApiProperty() from!: string;
  @ApiProperty({ nullable: true }) to!: string | null;
  @ApiProperty() via!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'The event that started the interval' }) eventId!: string;
}

export class CustomerDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() firstLeadId!: string;
  @ApiProperty() firstLeadChannel!: string;
  @ApiProperty({ nullable: true }) finderRepId!: string | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true })
  owner!: { repId: string; since: string; via: string; protectedUntil: string } | null;
  @ApiProperty({ nullable: true }) lastFollowUpAt!: string | null;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) identityKeys!: { kind: string; value: string }[];
  @ApiProperty({ type: [OwnershipIntervalDto] }) ownership!: OwnershipIntervalDto[];
}

export class OwnerAsOfDto {
  @ApiProperty() customerId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty({ type: OwnershipIntervalDto, nullable: true, description: 'null: nobody owned the customer then' })
  owner!: OwnershipIntervalDto | null;
}
