import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches, IsOptional } from 'class-validator';

export class LeadListQueryDto {
  @ApiProperty({ enum: ['flagged'], description: 'flagged: the review queue, oldest first, each with its flag reason' })
  @IsIn(['flagged'])
  status!: 'flagged';
}

export class RouteLeadDto {
  @ApiPropertyOptional({ description: 'The active rep the lead goes to (give repId or poolId, not both)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  repId?: string;

  @ApiPropertyOptional({ description: 'The pool whose rotation chooses the rep (give repId or poolId, not both)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  poolId?: string;

  @ApiPropertyOptional({
    description:
      'The customer the lead belongs to: required when the flag named several customers (one of them); ' +
      'recorded with the evidence of which key belonged to whom, nothing is merged or deleted',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  customerId?: string;

  @ApiProperty({ example: 'same person: the e-mail was typed on the old record by mistake' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class MergeLeadIntoDto {
  @ApiProperty({ description: 'The customer (one the flag named) the lead belongs to' })
  @IsString()
  @Length(1, 100)
  customerId!: string;

  @ApiProperty({ example: 'same company, the phone is the new switchboard' })
  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}
