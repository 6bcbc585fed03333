import { MAX_MEMBER_WEIGHT, POOL_STRATEGIES, type PoolStrategy } from '@leadledger/routing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

export class CreatePoolDto {
  @ApiPropertyOptional({ example: 'east', description: 'Letters, digits, dot, dash, underscore; generated if absent' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'poolId takes letters, digits, dot, dash and underscore' })
  poolId?: string;

  @ApiProperty({ example: 'Inbound East' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: POOL_STRATEGIES })
  @IsIn(POOL_STRATEGIES)
  strategy!: PoolStrategy;

  @ApiProperty({ example: 30, description: 'Minutes a rep has to accept an assigned lead' })
  @IsInt()
  @Min(1)
  acceptanceSlaMinutes!: number;

  @ApiProperty({ example: 30, description: 'Days an owner keeps a customer without a qualifying follow-up' })
  @IsInt()
  @Min(1)
  protectionDays!: number;

  @ApiProperty({ example: 5, description: 'Days before the release that the warning fires; fewer than protectionDays' })
  @IsInt()
  @Min(0)
  protectionWarningDays!: number;
}

export class AddMemberDto {
  @ApiProperty({ example: 'rep-wang', description: 'A registered, active rep' })
  @IsString()
  @Length(1, 100)
  repId!: string;

  @ApiProperty({ example: 2, minimum: 1, maximum: MAX_MEMBER_WEIGHT })
  @IsInt()
  @Min(1)
  @Max(MAX_MEMBER_WEIGHT)
  weight!: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'Leads per business day; absent or null: none',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  dailyCap?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'Leads per month; absent or null: none',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  monthlyCap?: number | null;
}

export class PauseMemberDto {
  @ApiProperty({ example: 'annual leave' })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

/** Absent: unchanged. A cap of null: no cap. */
export class ChangeMemberDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MEMBER_WEIGHT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MEMBER_WEIGHT)
  weight?: number;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'null clears the cap' })
  @IsOptional()
  @IsInt()
  @Min(1)
  dailyCap?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'null clears the cap' })
  @IsOptional()
  @IsInt()
  @Min(1)
  monthlyCap?: number | null;
}

export class PoolMemberViewDto {
  @ApiProperty() repId!: string;
  @ApiProperty() weight!: number;
  @ApiProperty({ nullable: true, type: Number }) dailyCap!: number | null;
  @ApiProperty({ nullable: true, type: Number }) monthlyCap!: number | null;
  @ApiProperty() paused!: boolean;
  @ApiProperty({ nullable: true, type: String }) pausedBecause!: string | null;
  @ApiProperty({ description: 'Smooth weighted round robin credit (0 under least-assigned)' }) rotationCredit!: number;
  @ApiProperty({ description: 'Leads from this pool on the business day asked about' }) assignedToday!: number;
  @ApiProperty() assignedThisMonth!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Sequence number of the last lead' })
  lastAssignment!: number | null;
}

export class QueuedLeadDto {
  @ApiProperty() leadId!: string;
  @ApiProperty({ type: [String], description: 'Reps the lead must not go back to' }) passedOver!: string[];
}

export class PoolViewDto {
  @ApiProperty() poolId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: POOL_STRATEGIES }) strategy!: PoolStrategy;
  @ApiProperty({ description: 'Counts configuration changes; each routing trace names the one it used' })
  policyVersion!: number;
  @ApiProperty() acceptanceSlaMinutes!: number;
  @ApiProperty() protectionDays!: number;
  @ApiProperty() protectionWarningDays!: number;
  @ApiProperty({ type: [PoolMemberViewDto], description: 'In join order, the rotation’s last tie-break' })
  members!: PoolMemberViewDto[];
  @ApiProperty({ description: 'Sequence number of the last assignment' }) lastSequence!: number;
  @ApiProperty({ type: [QueuedLeadDto], description: 'The unassigned queue, oldest first' })
  queuedLeads!: QueuedLeadDto[];
}

export class PoolSummaryDto {
  @ApiProperty() poolId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: POOL_STRATEGIES }) strategy!: PoolStrategy;
  @ApiProperty() policyVersion!: number;
  @ApiProperty({ description: 'Members now, paused ones included' }) members!: number;
  @ApiProperty() pausedMembers!: number;
  @ApiProperty({ description: 'Leads waiting for a member who can take them' }) queuedLeads!: number;
}

export class PoolListDto {
  @ApiProperty({ type: [PoolSummaryDto], description: 'Every pool, by pool id' })
  pools!: PoolSummaryDto[];
}
