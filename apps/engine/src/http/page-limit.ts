import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** A `limit` query parameter: a whole number from 1 to `max`, optional (the route's default applies). */
export const PageLimit = (description: string, max = 1000) =>
  applyDecorators(
    ApiPropertyOptional({ description, minimum: 1, maximum: max }),
    IsOptional(),
    Transform(({ value }: { value: unknown }) => (value === undefined ? undefined : Number(value))),
    IsInt(),
    Min(1),
    Max(max),
  );

/** An `offset` query parameter: how many items to skip, a whole number from 0, optional (0). */
export const PageOffset = () =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 0, default: 0 }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
  );
