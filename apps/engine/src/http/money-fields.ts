import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** An ISO 4217 code; whether the engine and the plan know it is the domain's check. */
export const IsCurrencyCode = () =>
  applyDecorators(
    ApiProperty({ example: 'CNY' }),
    Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }),
  );

/** Whole minor units (fen, cents) from `min`, within the safe integer range. */
export const IsMinorUnits = (min: number) => applyDecorators(IsInt(), Min(min), Max(Number.MAX_SAFE_INTEGER));
