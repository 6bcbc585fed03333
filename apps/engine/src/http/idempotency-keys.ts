import { idempotencyKeyDecider, idempotencyKeyStreamId } from '@leadledger/auth';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { isRefusal, refuse } from '@leadledger/kernel';
import { Injectable } from '@nestjs/common';
import { RefusalException } from './refusal.exception';

/** One request's Idempotency-Key (null when it sent none), and the resource the request names or made. */
export interface KeyUse {
  readonly scope: 'lead' | 'rep' | 'pool' | 'sale';
  readonly apiKeyId: string;
  readonly key: string | null;
  readonly resourceId: string;
}

/** The body field whose id named another resource, and the name under which the answer gives that resource. */
export interface NamedBy {
  readonly field: string;
  readonly answerAs: string;
}

const streamOf = (use: KeyUse, key: string) => idempotencyKeyStreamId(use.scope, use.apiKeyId, key);
const bindTo = ({ scope, resourceId }: KeyUse) => ({ kind: 'BindIdempotencyKey', scope, resourceId }) as const;

/**
 * Holds each Idempotency-Key to the one resource its first request made, where a body can name
 * its own id (a lead's or a sale's externalId, a rep's repId, a pool's poolId): a key sent again with another
 * id is 409 IdempotencyKeyReused, not a second resource.
 */
@Injectable()
export class IdempotencyKeys {
  constructor(private readonly store: EventStore) {}

  /** 409 when the key already named another resource (the key's own rule, judged on its stream); nothing is written. */
  async refuseIfUsedElsewhere(use: KeyUse, namedBy: NamedBy): Promise<void> {
    if (use.key === null) return;
    const { state } = await loadState(this.store, streamOf(use, use.key), idempotencyKeyDecider);
    const decision = idempotencyKeyDecider.decide(bindTo(use), state);
    if (!isRefusal(decision)) return;
    const facts = { fields: [namedBy.field], [namedBy.answerAs]: decision.facts.resourceId };
    throw new RefusalException(refuse(decision.code, `This Idempotency-Key was used for another ${use.scope}`, facts));
  }

  /**
   * Records the resource the key named, once the request made or found it. Refused only when a
   * request under the same key named another resource at the same moment: then that one is kept.
   */
  async bind(use: KeyUse, context: CommandContext): Promise<void> {
    if (use.key === null) return;
    await handleCommand(this.store, streamOf(use, use.key), idempotencyKeyDecider, bindTo(use), context);
  }
}
