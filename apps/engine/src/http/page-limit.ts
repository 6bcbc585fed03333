import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A `limit` query parameter: a whole number from 1 to 1000, optional (the route's default applies). */
export const PageLimit = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description, example: 100, minimum: 1, maximum: 1000 }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value))),
    IsInt(),
    Min(1),
    Max(1000),
  );
