import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

/**
 * A field holding one object of `type`, validated field by field. IsObject first: ValidateNested
 * alone takes an array as a list of them, so `[]` would pass and reach the handler.
 */
export const NestedObject = (type: () => new () => object, message?: string) =>
  applyDecorators(IsObject(message ? { message } : {}), ValidateNested(), Type(type));
