import { MAX_MEMBER_WEIGHT, POOL_STRATEGIES, type PoolStrategy } from '@leadledger/routing';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsQueryDay } from '../platform/query-time';

/** The longest routing window, in business days: a what-if reads the pool's events up to its end. */
export const MAX_WINDOW_DAYS = 31;
/** The most pool events a window may hold: beyond it the request is refused, so none runs for minutes. */
export const MAX_WINDOW_EVENTS = 20_000;
/** The most changes one routing what-if may lay over the history. */
export const MAX_CHANGES = 50;
/** The most sales of one period a plan what-if compares. */
export const MAX_PERIOD_SALES = 5_000;

export const ROUTING_CHANGE_KINDS = ['member', 'remove-member', 'strategy'] as const;

const DAY = 'A business day YYYY-MM-DD in LEADLEDGER_TIMEZONE (the day the pool counts caps in)';

export class RoutingChangeDto {
  @ApiProperty({
    enum: ROUTING_CHANGE_KINDS,
    description:
      'member: the rep’s weight and caps from `from` (a rep not in the pool then joins, and needs a weight); ' +
      'remove-member: the rep leaves the pool from `from`; strategy: the pool’s strategy from `from`',
  })
  @IsIn(ROUTING_CHANGE_KINDS)
  kind!: (typeof ROUTING_CHANGE_KINDS)[number];

  @ApiPropertyOptional({ example: '2026-03-04', description: `${DAY}; in [from, to) of the window; default its from` })
  @IsOptional()
  @IsQueryDay()
  from?: string;

  @ApiPropertyOptional({ description: 'The rep (member and remove-member)' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  repId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_MEMBER_WEIGHT })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_MEMBER_WEIGHT)
  weight?: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    description: 'Leads per business day; null lifts the cap',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  dailyCap?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'Leads per month; null lifts the cap' })
  @IsOptional()
  @IsInt()
  @Min(1)
  monthlyCap?: number | null;

  @ApiPropertyOptional({ enum: POOL_STRATEGIES, description: 'The strategy (kind strategy)' })
  @IsOptional()
  @IsIn(POOL_STRATEGIES)
  strategy?: PoolStrategy;
}

export class RoutingWhatIfDto {
  @ApiProperty({ example: 'east' })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'poolId must be letters, digits, ".", "-" or "_"' })
  poolId!: string;

  @ApiProperty({ example: '2026-03-02', description: `First day of the window (inclusive). ${DAY}` })
  @IsQueryDay()
  from!: string;

  @ApiProperty({
    example: '2026-03-09',
    description: `Day the window ends (exclusive), after from and at most ${MAX_WINDOW_DAYS} days after it. ${DAY}`,
  })
  @IsQueryDay()
  to!: string;

  @ApiProperty({ type: [RoutingChangeDto], description: `At most ${MAX_CHANGES}; none replays what happened` })
  @IsArray()
  @ArrayMaxSize(MAX_CHANGES)
  @ValidateNested({ each: true })
  @Type(() => RoutingChangeDto)
  changes!: RoutingChangeDto[];
}
