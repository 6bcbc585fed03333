import type { Actor } from '@leadledger/auth';
import { ForbiddenException } from '@nestjs/common';

/**
 * A rep's claim or release happens now. Dating one (`effectiveAt`) is for loading history, by a
 * manager, an admin or a service: a rep who could date their own would step round the shared
 * pool's rules, which count claims per business day and the cool-down from the release's date.
 */
export function refuseDatingByRep(actor: Actor, effectiveAt: string | undefined, action: 'claim' | 'release'): void {
  if (actor.role !== 'rep' || effectiveAt === undefined) return;
  throw new ForbiddenException({
    statusCode: 403,
    error: 'Forbidden',
    code: 'DatedByRep',
    message: `A rep's ${action} happens now: effectiveAt dates history a manager, an admin or a service loads`,
    current: { effectiveAt },
  });
}
