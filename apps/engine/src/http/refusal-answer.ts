import { NotFoundError, type Refusal } from '@leadledger/kernel';
import { RefusalException } from './refusal.exception';
import { badRequest } from './validation';

export interface RefusalMapping {
  /** Refusal codes that mean an unknown id: code -> [entity, id]. */
  readonly notFound?: Readonly<Record<string, readonly [string, string]>>;
  /** Refusal codes that are really bad input: code -> the field to name in the 400. */
  readonly badInput?: Readonly<Record<string, string>>;
}

/** The HTTP answer for a decider's refusal: 404 for an unknown id, 400 for bad input, else 409 with the facts. */
export function refusalAnswer(refusal: Refusal, mapping: RefusalMapping = {}): Error {
  const missing = mapping.notFound?.[refusal.code];
  if (missing) return new NotFoundError(missing[0], missing[1]);
  const field = mapping.badInput?.[refusal.code];
  if (field) return badRequest([{ field, problem: refusal.message }]);
  return new RefusalException(refusal);
}
