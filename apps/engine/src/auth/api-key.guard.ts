import type { Role } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import { authenticateApiKey } from '@leadledger/platform';
import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';

const BEARER = /^Bearer\s+(\S+)$/i;

/** Deny by default: a valid key (401 otherwise) whose role the route admits (403 otherwise). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: EventStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw new UnauthorizedException('An API key is required: Authorization: Bearer <key>');
    const actor = await authenticateApiKey(this.store, match[1]);
    if (!actor) throw new UnauthorizedException('The API key is unknown or revoked');

    const admitted = this.reflector.getAllAndOverride<Role[]>(ROLES, targets) ?? [];
    if (!admitted.includes(actor.role)) {
      throw new ForbiddenException(
        `Role ${actor.role} may not use this route; it admits: ${admitted.join(', ') || 'nobody'}`,
      );
    }
    request.actor = actor;
    return true;
  }
}
