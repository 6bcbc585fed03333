import { ApiProperty } from '@nestjs/swagger';
import { IsQueryDay } from '../platform/query-time';

const DAY_BOUND =
  'A business day YYYY-MM-DD in LEADLEDGER_TIMEZONE: the window starts at the start of that day there, not at UTC ' +
  'midnight. Fairness is kept per business day, so a time of day is refused (400), and an unencoded + (which ' +
  'arrives as a space) gets a 400 saying to encode it as %2B.';

export class PoolFairnessQueryDto {
  @ApiProperty({ example: '2026-03-01', description: `First day of the window (inclusive). ${DAY_BOUND}` })
  @IsQueryDay()
  from!: string;

  @ApiProperty({ example: '2026-04-01', description: `Day the window ends (exclusive), after from. ${DAY_BOUND}` })
  @IsQueryDay()
  to!: string;
}

export class SkipCountsDto {
  @ApiProperty({ description: 'Declined this lead or let its acceptance deadline pass (re-routes)' })
  'passed-over'!: number;
  @ApiProperty() paused!: number;
  @ApiProperty({ name: 'daily-cap' }) 'daily-cap'!: number;
  @ApiProperty({ name: 'monthly-cap' }) 'monthly-cap'!: number;
}

export class MemberFairnessDto {
  @ApiProperty() repId!: string;
  @ApiProperty({
    description:
      'Leads its weight entitled it to, two decimals: for each lead the rotation gave, weight ÷ the weights of every ' +
      'member the router saw (paused and capped ones included); 1 ÷ members under least-assigned',
    example: 2.67,
  })
  leadsDue!: number;
  @ApiProperty({ description: 'Leads the rotation gave it (first routes, re-routes, queue drains)' })
  leadsGiven!: number;
  @ApiProperty({ description: 'leadsDue − leadsGiven, two decimals: positive when it got fewer than its share' })
  deficit!: number;
  @ApiProperty({
    type: SkipCountsDto,
    description: 'Rotation decisions (assigned or queued) that skipped it, by reason',
  })
  skips!: SkipCountsDto;
}

export class LargestDeficitDto {
  @ApiProperty() repId!: string;
  @ApiProperty() deficit!: number;
}

export class PoolFairnessDto {
  @ApiProperty() poolId!: string;
  @ApiProperty({ description: 'First business day counted' }) from!: string;
  @ApiProperty({ description: 'Business day the window ends (not counted)' }) to!: string;
  @ApiProperty({ description: 'IANA zone of the business days' }) timeZone!: string;
  @ApiProperty({ description: 'Global position the figures include (decimal string)' }) position!: string;
  @ApiProperty({ description: 'Leads the rotation gave in the window; claims are not rotation and not counted' })
  leadsRouted!: number;
  @ApiProperty({ type: [MemberFairnessDto], description: 'Every member the rotation saw in the window, by rep id' })
  members!: MemberFairnessDto[];
  @ApiProperty({
    type: LargestDeficitDto,
    nullable: true,
    description: 'The member furthest below its share at the end of the window; null when nobody is below it',
  })
  largestDeficit!: LargestDeficitDto | null;
}
