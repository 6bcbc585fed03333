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

/**
 * How a list travels in the query: one parameter, comma-separated (`types=a,b`), not the
 * form/explode default (`types=a&types=b`, which the engine also reads).
 */
// ApiPropertyOptions has no style/explode, but the swagger module copies them onto the query parameter.
const COMMA_SEPARATED = { type: [String], style: 'form', explode: false } as { type: [StringConstructor] };

export class FeedFilterQueryDto {
  @ApiPropertyOptional({
    description:
      'Public event types, comma-separated; `leadledger.lead.*` takes every type of an area. Absent: every type.',
    example: 'leadledger.lead.assigned.v1,leadledger.customer.*',
    ...COMMA_SEPARATED,
  })
  @IsOptional()
  @Transform(commaList)
  @ArrayMaxSize(100)
  @IsPublishedTypeOrArea()
  types?: string[];

  @ApiPropertyOptional({
    description: 'Stream-id prefixes, comma-separated (`lead-`, `customer-42`).',
    example: 'lead-',
    ...COMMA_SEPARATED,
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

/** A published event: a CloudEvent 1.0 in structured JSON mode. Each type's `data` schema is in /asyncapi.json. */
export class CloudEventDto {
  @ApiProperty({ enum: ['1.0'] }) specversion!: '1.0';
  @ApiProperty({ description: 'The event id: the same on every redelivery and every page; de-duplicate by it' })
  id!: string;
  @ApiProperty({ description: 'LEADLEDGER_EVENT_SOURCE of the engine', example: 'urn:leadledger' }) source!: string;
  @ApiProperty({ description: 'The public type', example: 'leadledger.lead.assigned.v1' }) type!: string;
  @ApiProperty({ description: 'The stream the event belongs to', example: 'lead-0b9f' }) subject!: string;
  @ApiProperty({ format: 'date-time', description: 'When it happened in the business (occurredAt)' }) time!: string;
  @ApiProperty({ enum: ['application/json'] }) datacontenttype!: 'application/json';
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: "The event's own fields; their JSON Schema per type is in /asyncapi.json",
  })
  data!: object;
  @ApiProperty({ pattern: '^[0-9]+$', description: 'Global position in the log, a decimal string', example: '1234' })
  position!: string;
  @ApiProperty() correlationid!: string;
  @ApiPropertyOptional() causationid?: string;
  @ApiProperty() actorid!: string;
  @ApiProperty() actorrole!: string;
  @ApiPropertyOptional({ description: 'Why, where a person decided' }) reason?: string;
}

export class FeedPageDto {
  @ApiProperty({ description: 'CloudEvents 1.0 in structured JSON mode, in commit order', type: [CloudEventDto] })
  events!: CloudEventDto[];

  @ApiProperty({ description: 'Pass as `after` for the next page (the last position looked at)', example: '1200' })
  next!: string;

  @ApiProperty({ description: 'The last position in the log when the page was read', example: '5321' })
  head!: string;
}
