import { LEAD_STATUSES, type LeadStatus, REP_STATUSES, type RepStatus } from '@leadledger/leads';
import { IsInstant } from '../http/instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';

/** Rep ids name streams (`rep-<id>`) and appear in URLs: plain characters only. */
const REP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NOT_BLANK = /\S/;

export class RegisterRepDto {
  @ApiPropertyOptional({ example: 'rep-wang', description: 'Made by the engine when absent' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(REP_ID, { message: 'repId may hold only letters, digits, dots, dashes and underscores' })
  repId?: string;

  @ApiProperty({ example: '王芳' })
  @IsString()
  @Length(1, 200)
  @Matches(NOT_BLANK, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ example: 'wang.fang@example.cn', description: 'Stored in lower case' })
  @IsString()
  @Length(3, 254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email!: string;

  @ApiProperty({ example: 'east' })
  @IsString()
  @Length(1, 100)
  @Matches(NOT_BLANK, { message: 'team must not be blank' })
  team!: string;

  @ApiPropertyOptional({
    example: '2025-06-01T09:00:00+08:00',
    description:
      "When the rep joined (ISO 8601, not in the future), to load history as it happened; recorded as the registration's business time and shown as registeredAt. Defaults to now",
  })
  @IsOptional()
  @IsInstant()
  joinedAt?: string;
}

export class ListRepsQueryDto {
  @ApiPropertyOptional({ example: 'east' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  team?: string;

  @ApiPropertyOptional({ enum: REP_STATUSES })
  @IsOptional()
  @IsIn(REP_STATUSES)
  status?: RepStatus;
}

export class RepInboxQueryDto {
  @ApiPropertyOptional({ enum: LEAD_STATUSES })
  @IsOptional()
  @IsIn(LEAD_STATUSES)
  status?: LeadStatus;
}

export class RepDto {
  @ApiProperty() repId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() team!: string;
  @ApiProperty({ enum: REP_STATUSES }) status!: RepStatus;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({ type: String, nullable: true }) departedAt!: string | null;
  @ApiProperty({ nullable: true, enum: ['hand-off', 'release'] }) departureMode!: 'hand-off' | 'release' | null;
  @ApiProperty({ type: String, nullable: true }) successorRepId!: string | null;
  @ApiProperty({ type: String, nullable: true }) departureReason!: string | null;
}
