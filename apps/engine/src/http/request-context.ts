import type { Actor } from '@leadledger/auth';
import type { CommandContext } from '@leadledger/event-store';
import type { Clock, IdSource } from '@leadledger/kernel';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, ID_SOURCE } from '../platform/tokens';

export interface RequestDetails {
  readonly reason?: string | null;
  readonly idempotencyKey?: string | null;
  /** When it happened in the business; now by the engine's clock unless the request says. */
  readonly occurredAt?: string;
}

/** The metadata every command an HTTP request asks for carries: who, why, when, and a fresh correlation id. */
@Injectable()
export class RequestContexts {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  for(actor: Actor, details: RequestDetails = {}): CommandContext {
    return {
      actorId: actor.id,
      actorRole: actor.role,
      reason: details.reason ?? null,
      occurredAt: details.occurredAt ?? this.clock.now().toISOString(),
      correlationId: this.ids.next(),
      idempotencyKey: details.idempotencyKey ?? null,
    };
  }
}
