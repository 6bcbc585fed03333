import type { Actor, Role } from '@leadledger/auth';
import { type ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';

export const IS_PUBLIC = 'leadledger:isPublic';
export const ROLES = 'leadledger:roles';

/** Opens a route to callers without a key: only /health and /docs. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles a route admits; a route without it admits nobody. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedRequest {
  actor?: Actor;
  headers: Record<string, string | string[] | undefined>;
}

/** The actor behind the request's key, never taken from the body. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without authentication');
  return actor;
});
