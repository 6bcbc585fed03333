import {
  DISPUTE_SUBJECT_KINDS,
  type DisputeSubjectKind,
  EVIDENCE_KINDS,
  type EvidenceKind,
} from '@leadledger/disputes';
import { NestedObject } from '../http/nested-object';
import { IsInstant } from '../http/instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  NotEquals,
  ValidateNested,
} from 'class-validator';
import { IsCurrencyCode } from '../http/money-fields';
import { PageLimit, PageOffset } from '../http/page-limit';

export class DisputeSubjectDto {
  @ApiProperty({ enum: DISPUTE_SUBJECT_KINDS }) @IsIn(DISPUTE_SUBJECT_KINDS) kind!: DisputeSubjectKind;
  @ApiProperty({ description: 'The customer id, lead id or ledger line id' }) @IsString() @Length(1, 200) id!: string;
}

export class EvidenceRefDto {
  @ApiProperty({ enum: EVIDENCE_KINDS }) @IsIn(EVIDENCE_KINDS) kind!: EvidenceKind;
  @ApiProperty({ description: 'A lead, sale or line id; for a follow-up, its FollowUpLogged event id' })
  @IsString()
  @Length(1, 200)
  id!: string;
}

export class OpenDisputeDto {
  @ApiProperty({ type: DisputeSubjectDto })
  @NestedObject(() => DisputeSubjectDto, 'subject is required, an object: { kind, id }')
  subject!: DisputeSubjectDto;

  @ApiProperty({ description: 'The claim in words' }) @IsString() @Length(1, 2000) claim!: string;

  @ApiPropertyOptional({ type: [EvidenceRefDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => EvidenceRefDto)
  evidence?: EvidenceRefDto[];

  @ApiPropertyOptional({ description: 'The claimant: a rep key is its own rep; a manager names the rep' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;
}

export class CommentOnDisputeDto {
  @ApiProperty() @IsString() @Length(1, 2000) text!: string;
}

export class TransferRemedyDto {
  @ApiProperty({ description: 'The rep the customer goes to' }) @IsString() @Length(1, 100) toRepId!: string;

  @ApiPropertyOptional({ description: 'When the transfer takes effect (ISO 8601), e.g. the walk-in; now when absent' })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;

  @ApiPropertyOptional({ description: "The customer; the dispute's customer, or its lead's, when absent" })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  customerId?: string;
}

export class AdjustmentRemedyDto {
  @ApiProperty() @IsString() @Length(1, 100) repId!: string;

  @ApiProperty({ description: 'Signed minor units, not 0: positive pays more, negative takes back' })
  @IsInt()
  @NotEquals(0)
  @Min(-Number.MAX_SAFE_INTEGER)
  @Max(Number.MAX_SAFE_INTEGER)
  amount!: number;

  @IsCurrencyCode()
  currency!: string;

  @ApiPropertyOptional({ description: 'An open period such as 2026-11; the current open one when absent' })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  period?: string;
}

export class ResolveDisputeDto {
  @ApiProperty({ enum: ['upheld', 'rejected'] }) @IsIn(['upheld', 'rejected']) outcome!: 'upheld' | 'rejected';

  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;

  @ApiPropertyOptional({ type: TransferRemedyDto })
  @IsOptional()
  @NestedObject(() => TransferRemedyDto)
  transfer?: TransferRemedyDto;

  @ApiPropertyOptional({ type: [AdjustmentRemedyDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AdjustmentRemedyDto)
  adjustments?: AdjustmentRemedyDto[];
}

export class DisputeListQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'upheld', 'rejected'] })
  @IsOptional()
  @IsIn(['open', 'upheld', 'rejected'])
  status?: 'open' | 'upheld' | 'rejected';

  @ApiPropertyOptional({ description: 'Disputes this rep opened or is disputed in' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;

  @PageLimit('How many disputes (1–100, default 20)', 100)
  limit?: number;

  @PageOffset()
  offset?: number;
}
