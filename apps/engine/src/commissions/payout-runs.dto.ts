import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageLimit } from '../http/page-limit';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class PayoutRunsQueryDto {
  @PageLimit('How many runs, newest first (1–100, default 20)', 100)
  limit?: number;

  @ApiPropertyOptional({
    description: "Runs of periods before this one: the previous page's `next`",
    example: '2026-10',
  })
  @IsOptional()
  @IsString()
  @Length(1, 20)
  before?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}

export class PayoutRunQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'] }) @IsOptional() @IsIn(['json', 'csv']) format?: 'json' | 'csv';
}
