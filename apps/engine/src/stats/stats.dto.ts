import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class StatsQueryDto {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First business day to count (inclusive)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a day written as YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last business day to count (inclusive)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a day written as YYYY-MM-DD' })
  to?: string;
}

export class EventTypeTotalDto {
  @ApiProperty() type!: string;
  @ApiProperty() count!: number;
  @ApiProperty() firstOccurredAt!: string;
  @ApiProperty() lastOccurredAt!: string;
}

export class EventTypeDailyCountDto {
  @ApiProperty({ example: '2026-11-02' }) day!: string;
  @ApiProperty() type!: string;
  @ApiProperty() count!: number;
}

export class StatsDto {
  @ApiProperty({ description: 'IANA zone the business days are counted in' }) timeZone!: string;
  @ApiProperty({ description: 'Global position the figures include (decimal string)' }) position!: string;
  @ApiProperty() totalEvents!: number;
  @ApiProperty({ type: [EventTypeTotalDto] }) byType!: EventTypeTotalDto[];
  @ApiProperty({ type: [EventTypeDailyCountDto] }) byDay!: EventTypeDailyCountDto[];
}
