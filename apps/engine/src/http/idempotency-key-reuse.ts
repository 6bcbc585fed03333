import { type Decider, type DomainEvent, isRefusal, refuse } from '@leadledger/kernel';
import { isDeepStrictEqual } from 'node:util';
import { RefusalException } from './refusal.exception';

/**
 * What a request sent again under an Idempotency-Key asks that its first request did not: the
 * fields whose values differ from what the first one recorded. A retry differs in none and gets
 * the first answer; anything else is another request under a used key, refused with 409
 * `IdempotencyKeyReused` naming the fields (as POST /leads does), so a caller never takes the
 * first request's answer for its own.
 */
export function refuseKeyReusedFor(
  what: string,
  recorded: Readonly<Record<string, unknown>>,
  requested: Readonly<Record<string, unknown>>,
): void {
  const fields = Object.keys(requested).filter((field) => !isDeepStrictEqual(recorded[field], requested[field]));
  if (fields.length === 0) return;
  throw new RefusalException(
    refuse('IdempotencyKeyReused', `This Idempotency-Key was used for a different ${what}`, { fields }),
  );
}

/** The data `decider` writes for `command` on a new stream: this request as its first would have been recorded (trimmed…). */
export function recordedAsNew<C, S, E extends DomainEvent>(
  decider: Decider<C, S, E>,
  command: C,
): Readonly<Record<string, unknown>> {
  const decision = decider.decide(command, decider.initialState);
  return isRefusal(decision) || decision.length === 0 ? {} : (decision[0].data as Record<string, unknown>);
}
