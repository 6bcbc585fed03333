import { IsInstant } from '../http/instant';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Length } from 'class-validator';

/** An optional past business time for the departure or hand-over, and every transfer it makes. */
class EffectiveAtDto {
  @ApiPropertyOptional({
    description:
      'When it took effect (ISO 8601), to load history as it happened: not in the future, not in a closed commission period (409). Each customer moves at this time unless it changed later. Defaults to now',
    example: '2026-02-28T18:00:00+08:00',
  })
  @IsOptional()
  @IsInstant()
  effectiveAt?: string;
}

export class DepartRepDto extends EffectiveAtDto {
  @ApiProperty({
    enum: ['hand-off', 'release'],
    description: 'Hand everything to a successor, or release it to the shared pool',
  })
  @IsIn(['hand-off', 'release'])
  mode!: 'hand-off' | 'release';

  @ApiPropertyOptional({ description: 'Required for a hand-off: the active rep who takes everything over' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  successorRepId?: string;

  @ApiProperty({ example: 'resigned' })
  @IsString()
  @IsNotEmpty()
  @Length(1, 500)
  reason!: string;
}

export class HandOverDto extends EffectiveAtDto {
  @ApiProperty({ description: 'The active rep who takes every customer and open lead over' })
  @IsString()
  @Length(1, 100)
  toRepId!: string;

  @ApiProperty({ example: 'territory reorganised' })
  @IsString()
  @IsNotEmpty()
  @Length(1, 500)
  reason!: string;
}

class HandOverChangeDto {
  @ApiProperty({ description: 'The pool, customer or lead' }) id!: string;
  @ApiProperty({ enum: ['removed', 'transferred', 'released'] }) change!: string;
  @ApiProperty({ nullable: true, type: String }) toRepId!: string | null;
  @ApiProperty({ description: 'The event that records the change' }) eventType!: string;
  @ApiProperty({ description: 'Its global position in the log' }) position!: string;
}

export class HandOverRecordDto {
  @ApiProperty() repId!: string;
  @ApiProperty({ nullable: true, type: String }) toRepId!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty({ type: [HandOverChangeDto], description: 'Pools the departing rep was removed from' })
  pools!: HandOverChangeDto[];
  @ApiProperty({ type: [HandOverChangeDto], description: 'Each customer: its own recorded transfer or release' })
  customers!: HandOverChangeDto[];
  @ApiProperty({ type: [HandOverChangeDto] }) leads!: HandOverChangeDto[];
}
