import type { Role } from '@leadledger/auth';
import { EventStore } from '@leadledger/event-store';
import { authenticateApiKey, repHasLeft } from '@leadledger/platform';
import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, IS_PUBLIC, ROLES } from './auth.decorators';
import { FailedAuthentications } from './failed-authentications';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Deny by default: a valid key (401 otherwise) whose role the route admits (403 otherwise).
 * An address that keeps failing is answered 429 for a while, key or not.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly logger = new Logger('Authentication');

  constructor(
    private readonly reflector: Reflector,
    private readonly store: EventStore,
    private readonly failures: FailedAuthentications,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest & Request>();
    const response = context.switchToHttp().getResponse<Response>();
    const address = request.ip ?? 'unknown';
    this.refuseWhileBlocked(response, this.failures.secondsBlocked(address));
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    if (!match) throw new UnauthorizedException('An API key is required: Authorization: Bearer <key>');
    const actor = await authenticateApiKey(this.store, match[1]);
    if (!actor) {
      this.logger.warn(
        `Authentication failed from ${address}: unknown or revoked key on ${request.method} ${request.path}`,
      );
      this.refuseWhileBlocked(response, await this.failures.record(address));
      throw new UnauthorizedException('The API key is unknown or revoked');
    }
    if (await repHasLeft(this.store, actor)) {
      throw new UnauthorizedException(`Rep ${actor.repId} has left: their API keys no longer open anything`);
    }

    const admitted = this.reflector.getAllAndOverride<Role[]>(ROLES, targets) ?? [];
    if (!admitted.includes(actor.role)) {
      throw new ForbiddenException(
        `Role ${actor.role} may not use this route; it admits: ${admitted.join(', ') || 'nobody'}`,
      );
    }
    request.actor = actor;
    return true;
  }

  private refuseWhileBlocked(response: Response, seconds: number): void {
    if (seconds === 0) return;
    response.setHeader('Retry-After', String(seconds));
    throw new HttpException(
      {
        statusCode: 429,
        error: 'Too Many Requests',
        message: `Too many failed authentications from this address; try again in ${seconds} s`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
