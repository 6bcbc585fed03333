import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { PageLimit } from '../http/page-limit';
import { IsQueryInstant, QUERY_INSTANT_DESCRIPTION } from '../platform/query-time';

class TimelinePageQuery {
  @PageLimit('How many entries (1–1000, default 100)')
  limit?: number;

  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class SubjectTimelineQueryDto extends TimelinePageQuery {
  @ApiPropertyOptional({
    description: `Replay only what had happened by this moment (business time) and answer the state then. ${QUERY_INSTANT_DESCRIPTION}`,
    example: '2026-03-15',
  })
  @IsOptional()
  @IsQueryInstant()
  asOf?: string;

  @ApiPropertyOptional({ description: "Entries after this position: the previous page's `next`", example: '1042' })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'after must be a position (a decimal number)' })
  after?: string;
}

/** A rep timeline's page cursor: business time and position of the last entry given. */
export const REP_CURSOR = /^([0-9T:.+\-Z]{10,40})~(\d{1,19})$/;

export class RepTimelineQueryDto extends TimelinePageQuery {
  @ApiPropertyOptional({ description: `Events from this moment on (business time). ${QUERY_INSTANT_DESCRIPTION}` })
  @IsOptional()
  @IsQueryInstant()
  from?: string;

  @ApiPropertyOptional({ description: `Events before this moment (business time). ${QUERY_INSTANT_DESCRIPTION}` })
  @IsOptional()
  @IsQueryInstant()
  to?: string;

  @ApiPropertyOptional({ description: "The previous page's `next`", example: '2026-03-01T02:00:00.000Z~1042' })
  @IsOptional()
  @Matches(REP_CURSOR, { message: "after must be a previous page's next" })
  after?: string;
  @ApiPropertyOptional({
    description:
      "Only the events of one customer's or lead's own stream, as `customer-<id>` or `lead-<id>` (a dispute's subject)",
    example: 'customer-7dcfc481-110b-58d8-8196-746a5e1b3eb5',
  })
  @IsOptional()
  @Matches(/^(customer|lead)-[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, {
    message: 'subject must be customer-<id> or lead-<id>',
  })
  subject?: string;
}
