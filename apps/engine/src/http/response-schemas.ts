import { type Type, applyDecorators } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiProduces,
  ApiProperty,
  type ApiPropertyOptions,
  getSchemaPath,
} from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { NULL_SCHEMA } from '../openapi-document';

/**
 * Building blocks of the response DTOs: classes that only describe answers in the OpenAPI
 * document (nothing validates or constructs them).
 */

/** An instant (RFC 3339): UTC with `Z` where the engine made it, with the offset it was given where it echoes input. */
export const ApiInstant = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: String, format: 'date-time', ...options } as ApiPropertyOptions);

/** One amount in whole minor units (fen, cents): a safe integer. */
export const ApiMinorUnits = (options: ApiPropertyOptions = {}) =>
  ApiProperty({ type: 'integer', ...options } as ApiPropertyOptions);

/**
 * A sum of amounts as JSON carries it (`jsonMinorSum`): an integer number of minor units while
 * it is a safe integer, which every real balance is, beyond that a string of its exact digits.
 */
export const ApiMinorSum = (description: string) =>
  ApiProperty({
    oneOf: [{ type: 'integer' }, { type: 'string', pattern: '^-?[0-9]+$' }],
    description: `${description}; minor units: an integer, or beyond 2^53 - 1 a string of its digits`,
  });

/** A global log position, as a decimal string (it may exceed a JavaScript number). */
export const ApiPosition = (description = 'Global log position (decimal string)', nullable = false) =>
  ApiProperty({ type: String, pattern: '^[0-9]+$', description, ...(nullable ? { nullable } : {}) });

/** JSON null as the document models it (see `admitNulls`), for a oneOf that may be null. */
const NULL_VALUE: SchemaObject = { ...NULL_SCHEMA, enum: [null] };

/** One of these models, or null (the models are registered on the DTO class, where the generator looks). */
export const ApiOneOfOrNull = (description: string, models: readonly Type<unknown>[]) =>
  applyDecorators(
    (target: object) => ApiExtraModels(...models)(target.constructor),
    ApiProperty({ description, oneOf: [...models.map((model) => ({ $ref: getSchemaPath(model) })), NULL_VALUE] }),
  );

/** Any JSON value, null included: what a replay's difference compares is a field's value, of that field's type. */
export const ApiAnyValue = (description: string) =>
  ApiProperty({
    description,
    oneOf: [
      { type: 'string' },
      { type: 'number' },
      { type: 'boolean' },
      { type: 'object', additionalProperties: true },
      { type: 'array', items: {} },
      NULL_VALUE,
    ],
  });

/** A 200 answer in JSON (this model), or CSV with `format=csv`, `Accept: text/csv` or a path ending in `.csv`. */
export const ApiJsonOrCsvResponse = (description: string, model: Type<unknown>) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiProduces('application/json', 'text/csv'),
    ApiOkResponse({
      description,
      content: {
        'application/json': { schema: { $ref: getSchemaPath(model) } },
        'text/csv': { schema: { type: 'string' } },
      },
    }),
  );
