import type { Actor } from '@leadledger/auth';
import { refuse } from '@leadledger/kernel';
import { forbiddenByRule } from '../http/refusal-answer';

/**
 * A rep's claim or release happens now. Dating one (`effectiveAt`) is for loading history, by a
 * manager, an admin or a service: a rep who could date their own would step round the shared
 * pool's rules, which count claims per business day and the cool-down from the release's date.
 */
export function refuseDatingByRep(actor: Actor, effectiveAt: string | undefined, action: 'claim' | 'release'): void {
  if (actor.role !== 'rep' || effectiveAt === undefined) return;
  throw forbiddenByRule(
    refuse(
      'DatedByRep',
      `A rep's ${action} happens now: effectiveAt dates history a manager, an admin or a service loads`,
      { effectiveAt },
    ),
  );
}
