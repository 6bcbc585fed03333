import type { Actor } from '@leadledger/auth';
import { type Refusal, refuse } from '@leadledger/kernel';
import type { ForbiddenException } from '@nestjs/common';
import { forbiddenByRule } from '../http/refusal-answer';

/** What is known of a customer a colleague owns. */
export interface ColleagueOwnership {
  readonly customerId: string;
  readonly ownerId: string;
  readonly protectedUntil: string | null;
}

/**
 * One policy for what a rep may learn of a colleague's customer, on every route that could tell
 * them (LEADLEDGER_REVEAL_OWNER_TO_REPS): always that the customer is taken; the customer, its
 * owner and the protection end only when the company reveals owners. Other roles see everything.
 */
export function colleagueOwnershipFacts(
  actor: Actor,
  ownership: ColleagueOwnership,
  revealOwnerToReps: boolean,
): Record<string, unknown> {
  if (actor.role !== 'rep' || revealOwnerToReps) return { taken: true, ...ownership };
  return { taken: true };
}

const TAKEN = 'The customer is already owned by a colleague';

/** 409 CustomerOwnedByColleague as the policy lets this actor see it. */
export const ownedByColleagueRefusal = (actor: Actor, ownership: ColleagueOwnership, reveal: boolean): Refusal =>
  refuse('CustomerOwnedByColleague', TAKEN, colleagueOwnershipFacts(actor, ownership, reveal));

/** 403 for a rep reading a colleague's customer, with the same facts the 409 would give. */
export const ownedByColleagueForbidden = (
  actor: Actor,
  ownership: ColleagueOwnership,
  reveal: boolean,
): ForbiddenException =>
  forbiddenByRule(
    refuse(
      'CustomerOwnedByColleague',
      `${TAKEN}; a rep sees only their own customers`,
      colleagueOwnershipFacts(actor, ownership, reveal),
    ),
  );
