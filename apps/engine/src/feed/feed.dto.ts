import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsOptional, IsString, Matches } from 'class-validator';
import { PageLimit } from '../http/page-limit';
import { IsPublishedTypeOrArea } from './published-type-or-area.validator';

const POSITION = /^\d{1,19}$/;
/** `a,b` and `?x=a&x=b` both make a list. */
const commaList = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : (Array.isArray(value) ? value : [value])
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter(Boolean);

export class FeedFilterQueryDto {
  @ApiPropertyOptional({
    description:
      'Public event types, comma-separated; `leadledger.lead.*` takes every type of an area. Absent: every type.',
    example: 'leadledger.lead.assigned.v1,leadledger.customer.*',
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(100)
  @IsPublishedTypeOrArea()
  types?: string[];

  @ApiPropertyOptional({
    description: 'Stream-id prefixes, comma-separated (`lead-`, `customer-42`).',
    example: 'lead-',
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  streams?: string[];
}

export class FeedPageQueryDto extends FeedFilterQueryDto {
  @ApiPropertyOptional({
    description: 'Events after this global position (exclusive); 0 or absent: from the start',
    example: '0',
  })
  @IsOptional()
  @Matches(POSITION, { message: 'after must be a global position: a whole number, as a decimal string' })
  after?: string;

  @PageLimit('Most events in the page (1–1000, default 100)')
  limit?: number;
}

export class EventStreamQueryDto extends FeedFilterQueryDto {
  @ApiPropertyOptional({ description: 'Start after this position when no Last-Event-ID header is sent', example: '0' })
  @IsOptional()
  @Matches(POSITION, { message: 'after must be a global position: a whole number, as a decimal string' })
  after?: string;
}

export class FeedPageDto {
  @ApiProperty({
    description: 'CloudEvents 1.0 in structured JSON mode, in commit order',
    type: 'array',
    items: { type: 'object' },
  })
  events!: object[];

  @ApiProperty({ description: 'Pass as `after` for the next page (the last position looked at)', example: '1200' })
  next!: string;

  @ApiProperty({ description: 'The last position in the log when the page was read', example: '5321' })
  head!: string;
}
