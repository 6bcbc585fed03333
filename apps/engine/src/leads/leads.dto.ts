import {
  DISQUALIFICATION_REASONS,
  type DisqualificationReason,
  LEAD_CHANNELS,
  LEAD_STATUSES,
  type LeadChannel,
  type LeadContact,
  type LeadStatus,
} from '@leadledger/leads';
import { NestedObject } from '../http/nested-object';
import { IsInstant } from '../http/instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

export class LeadContactDto {
  @ApiPropertyOptional({ example: '张伟', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({
    example: '138 0013 8000',
    description: 'Any format; stored as E.164',
    minLength: 1,
    maxLength: 40,
  })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  phone?: string;

  @ApiPropertyOptional({ example: 'zhang.wei@example.cn', minLength: 3, maxLength: 254 })
  @IsOptional()
  @IsString()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '华南贸易有限公司', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  company?: string;
}

export class ReceiveLeadDto {
  @ApiProperty({ enum: LEAD_CHANNELS })
  @IsIn(LEAD_CHANNELS)
  channel!: LeadChannel;

  @ApiProperty({ type: LeadContactDto })
  @IsDefined()
  @NestedObject(() => LeadContactDto)
  contact!: LeadContactDto;

  @ApiPropertyOptional({
    description: 'The sender’s id for the lead: the same id always gives the same lead',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional({
    description: 'The rep who received the walk-in or call, or sourced the lead',
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  receivedBy?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  referralPartnerId?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  poolId?: string;

  @ApiPropertyOptional({ description: 'When the lead arrived (ISO 8601); defaults to now' })
  @IsOptional()
  @IsInstant()
  occurredAt?: string;
}

export class LeadAnswerDto {
  @ApiProperty() leadId!: string;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: string;
  @ApiProperty({ type: String, nullable: true }) customerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) repId!: string | null;
  @ApiProperty() flaggedForReview!: boolean;
  @ApiProperty({
    description: 'Every event of the lead, oldest first: the decision trace',
    type: 'array',
    items: { type: 'object' },
  })
  history!: object[];
}

/** A manager or admin names the rep they act for; a rep acts as themselves. */
export class ActingRepDto {
  @ApiPropertyOptional({
    description: 'For a manager or admin: the rep they act for. A rep acts as themselves.',
    minLength: 1,
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;
}

export class AcceptLeadDto extends ActingRepDto {}

export class DeclineLeadDto extends ActingRepDto {
  @ApiProperty({ example: 'on leave tomorrow' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class QualifyLeadDto extends ActingRepDto {
  @ApiPropertyOptional({ example: 'budget confirmed for Q1', minLength: 0, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  note?: string;
}

export class DisqualifyLeadDto {
  @ApiProperty({ enum: DISQUALIFICATION_REASONS })
  @IsIn(DISQUALIFICATION_REASONS)
  reason!: DisqualificationReason;

  @ApiPropertyOptional({ example: 'same person as lead crm-1001', minLength: 0, maxLength: 1000 })
  @IsOptional()
  @IsString()
  @Length(0, 1000)
  note?: string;
}

export class LeadAssignmentDto {
  @ApiProperty({ description: 'existing-customer, received-walk-in, rep-sourced, pool-rotation, claim, reassigned-…' })
  rule!: string;
  @ApiProperty() repId!: string;
  @ApiProperty({ type: String, nullable: true }) acceptBy!: string | null;
  @ApiProperty() note!: string;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'The pool’s routing trace' })
  pool!: object | null;
  @ApiProperty() at!: string;
  @ApiProperty({
    description:
      'Why this rep, in words a manager reads without knowing the rotation: share and load, why it won, and why ' +
      'every other member was skipped (pause reasons, caps, who declined and why). Computed at read time from ' +
      'the trace; no event carries it.',
    example:
      'li: weight 1 of 4, 3 of 8 leads today; chosen because its rotation score 3 was highest (wang 2); ' +
      'zhao skipped: daily cap 20 reached',
  })
  explanation!: string;
}

export class LeadHistoryEntryDto {
  @ApiProperty() seq!: number;
  @ApiProperty({ description: 'Global log position (decimal string)' }) position!: string;
  @ApiProperty() eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty() occurredAt!: string;
  @ApiProperty() actorId!: string;
  @ApiProperty() actorRole!: string;
  @ApiPropertyOptional({ description: 'On LeadAssigned entries only: the same sentence as in `assignments`' })
  explanation?: string;
}

export class LeadSummaryDto {
  @ApiProperty() leadId!: string;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: LeadStatus;
  @ApiProperty({ enum: LEAD_CHANNELS }) channel!: LeadChannel;
  @ApiProperty({ type: 'object', additionalProperties: true }) contact!: LeadContact;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) identityKeys!: { kind: string; value: string }[];
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: String, nullable: true }) receivedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) referralPartnerId!: string | null;
  @ApiProperty({ type: String, nullable: true }) poolId!: string | null;
  @ApiProperty({ type: String, nullable: true }) customerId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The rep holding it now' }) repId!: string | null;
  @ApiProperty({ type: String, nullable: true }) acceptBy!: string | null;
  @ApiProperty() flaggedForReview!: boolean;
  @ApiProperty({ type: String, nullable: true }) flagReason!: string | null;
  @ApiProperty({ type: [String] }) passedOver!: string[];
  @ApiProperty({ type: String, nullable: true }) disqualificationReason!: string | null;
  @ApiProperty() receivedAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class LeadDto extends LeadSummaryDto {
  @ApiProperty({ type: [LeadAssignmentDto], description: 'Every assignment in order, with its reason' })
  assignments!: LeadAssignmentDto[];
  @ApiProperty({ type: [LeadHistoryEntryDto], description: 'Every event of the lead: the decision trace' })
  history!: LeadHistoryEntryDto[];
}
