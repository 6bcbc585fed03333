import { WEBHOOK_SUBSCRIPTION_STATUSES } from '@leadledger/feed';
import { IsPublishedTypeOrArea } from '../feed/published-type-or-area.validator';
import { NestedObject } from '../http/nested-object';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsBoolean, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageLimit } from '../http/page-limit';

export class FeedFilterDto {
  @ApiPropertyOptional({
    example: ['leadledger.lead.assigned.v1', 'leadledger.sale.*'],
    description: 'Absent or empty: every type',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsPublishedTypeOrArea()
  types?: string[];

  @ApiPropertyOptional({ example: ['lead-'], description: 'Stream-id prefixes; absent or empty: every stream' })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  streams?: string[];
}

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://crm.example.cn/hooks/leadledger', description: 'http(s); no private addresses' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ type: FeedFilterDto })
  @IsOptional()
  @NestedObject(() => FeedFilterDto)
  filter?: FeedFilterDto;

  @ApiPropertyOptional({ example: 'CRM: new leads' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;
}

export class ChangeSubscriptionDto {
  @ApiPropertyOptional({ description: 'true pauses delivery; false resumes a paused subscription' })
  @IsOptional()
  @IsBoolean()
  paused?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ type: FeedFilterDto, description: 'Replaces the filter; applies from the next event' })
  @IsOptional()
  @NestedObject(() => FeedFilterDto)
  filter?: FeedFilterDto;
}

export class ReplayQueryDto {
  @ApiProperty({ example: '1', description: 'Re-send every matching event from this global position, inclusive' })
  @Matches(/^[1-9]\d{0,18}$/, { message: 'from must be a global position: a whole number from 1, as a decimal string' })
  from!: string;
}

export class DeliveriesQueryDto {
  @PageLimit('Most attempts, newest first (1–1000, default 100)')
  limit?: number;
}

class StoredFilterDto {
  @ApiProperty({ type: [String] }) types!: string[];
  @ApiProperty({ type: [String] }) streams!: string[];
}

class SubscriptionFailureDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'Global position of the event that was not delivered' }) position!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty() lastError!: string;
}

export class SubscriptionDto {
  @ApiProperty() subscriptionId!: string;
  @ApiProperty() url!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: StoredFilterDto }) filter!: StoredFilterDto;
  @ApiProperty({ enum: WEBHOOK_SUBSCRIPTION_STATUSES }) status!: string;
  @ApiProperty() secretVersion!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Until then deliveries carry the previous secret’s signature too',
  })
  previousSecretValidUntil!: string | null;
  @ApiProperty({ type: SubscriptionFailureDto, nullable: true }) failure!: SubscriptionFailureDto | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class SubscriptionWithSecretDto extends SubscriptionDto {
  @ApiProperty({
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    description: 'The signing secret (Standard Webhooks format), shown only in this answer',
  })
  secret!: string;
}

export class DeliveryAttemptDto {
  @ApiProperty() eventId!: string;
  @ApiProperty({ description: 'Global position (decimal string)' }) position!: string;
  @ApiProperty({ description: '1 for the first attempt at this event since the engine started' }) attempt!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when no answer came' }) statusCode!: number | null;
  @ApiProperty() latencyMs!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty() attemptedAt!: string;
}
