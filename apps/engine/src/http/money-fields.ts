import { MAX_AMOUNT_MINOR } from '@leadledger/kernel';
import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';

/** An ISO 4217 code; whether the engine and the plan know it is the domain's check. */
export const IsCurrencyCode = () =>
  applyDecorators(
    ApiProperty({ example: 'CNY' }),
    Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as CNY' }),
  );

const atMost = { message: `$property must be at most ${MAX_AMOUNT_MINOR} minor units (MAX_AMOUNT_MINOR)` };

/** Whole minor units (fen, cents) from `min` up to the engine's largest amount, MAX_AMOUNT_MINOR (10^13). */
export const IsMinorUnits = (min: number) => applyDecorators(IsInt(), Min(min), Max(MAX_AMOUNT_MINOR, atMost));

/** Signed whole minor units within ±MAX_AMOUNT_MINOR: an adjustment may take back as much as it may pay. */
export const IsSignedMinorUnits = () =>
  applyDecorators(
    IsInt(),
    Min(-MAX_AMOUNT_MINOR, {
      message: `$property must be at least -${MAX_AMOUNT_MINOR} minor units (MAX_AMOUNT_MINOR)`,
    }),
    Max(MAX_AMOUNT_MINOR, atMost),
  );
