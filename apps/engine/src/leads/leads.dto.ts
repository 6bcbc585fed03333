import { LEAD_CHANNELS, type LeadChannel } from '@leadledger/leads';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, Length, ValidateNested } from 'class-validator';

export class LeadContactDto {
  @ApiPropertyOptional({ example: '张伟' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ example: '138 0013 8000', description: 'Any format; stored as E.164' })
  @IsOptional()
  @IsString()
  @Length(1, 40)
  phone?: string;

  @ApiPropertyOptional({ example: 'zhang.wei@example.cn' })
  @IsOptional()
  @IsString()
  @Length(3, 254)
  email?: string;

  @ApiPropertyOptional({ example: '华南贸易有限公司' })
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
  @ValidateNested()
  @Type(() => LeadContactDto)
  contact!: LeadContactDto;

  @ApiPropertyOptional({ description: 'The sender’s id for the lead: the same id always gives the same lead' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;

  @ApiPropertyOptional({ description: 'The rep who received the walk-in or call, or sourced the lead' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  receivedBy?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  referralPartnerId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 100)
  poolId?: string;

  @ApiPropertyOptional({ description: 'When the lead arrived (ISO 8601); defaults to now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  occurredAt?: string;
}

export class LeadAnswerDto {
  @ApiProperty() leadId!: string;
  @ApiProperty({ enum: ['received', 'queued', 'assigned', 'accepted', 'qualified', 'disqualified'] }) status!: string;
  @ApiProperty({ nullable: true }) customerId!: string | null;
  @ApiProperty({ nullable: true }) repId!: string | null;
  @ApiProperty() flaggedForReview!: boolean;
  @ApiProperty({
    description: 'Every event of the lead, oldest first: the decision trace',
    type: 'array',
    items: { type: 'object' },
  })
  history!: object[];
}
