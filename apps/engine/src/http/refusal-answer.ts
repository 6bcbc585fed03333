import { NotFoundError, type Refusal } from '@leadledger/kernel';
import { ForbiddenException } from '@nestjs/common';
import { RefusalException } from './refusal.exception';
import { badRequest } from './validation';

export interface RefusalMapping {
  /** Refusal codes that mean an unknown id: code -> [entity, id]. */
  readonly notFound?: Readonly<Record<string, readonly [string, string]>>;
  /** Refusal codes that are really bad input: code -> the field to name in the 400. */
  readonly badInput?: Readonly<Record<string, string>>;
  /** Refusal codes that mean the caller may not do this at all: 403 with the code and the facts. */
  readonly forbidden?: readonly string[];
}

/** 403 that still says which rule and the facts, in the shape of a 409's body. */
export function forbiddenByRule({ code, message, facts }: Refusal): ForbiddenException {
  return new ForbiddenException({ statusCode: 403, error: 'Forbidden', code, message, current: facts });
}

/** The HTTP answer for a decider's refusal: 404 for an unknown id, 400 for bad input, else 409 with the facts. */
export function refusalAnswer(refusal: Refusal, mapping: RefusalMapping = {}): Error {
  const missing = mapping.notFound?.[refusal.code];
  if (missing) return new NotFoundError(missing[0], missing[1]);
  const field = mapping.badInput?.[refusal.code];
  if (field) return badRequest([{ field, problem: refusal.message }]);
  if (mapping.forbidden?.includes(refusal.code)) return forbiddenByRule(refusal);
  return new RefusalException(refusal);
}
