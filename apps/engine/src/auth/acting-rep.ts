import type { Actor } from '@leadledger/auth';
import { ForbiddenException } from '@nestjs/common';
import { badRequest } from '../http/validation';

/**
 * The rep a request acts for: a rep key acts only as its own rep (naming another is 403);
 * a manager or admin must name the rep (400 without one).
 */
export function actingRep(actor: Actor, requested: string | undefined): string {
  if (actor.role === 'rep') {
    if (!actor.repId || (requested !== undefined && requested !== actor.repId)) {
      throw new ForbiddenException('A rep acts only as themselves');
    }
    return actor.repId;
  }
  if (!requested) throw badRequest([{ field: 'repId', problem: 'name the rep this is done for' }]);
  return requested;
}
