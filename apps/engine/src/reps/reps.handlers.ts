import type { Actor } from '@leadledger/auth';
import { EventStore, handleCommand } from '@leadledger/event-store';
import { type Clock, type IdSource, NotFoundError, idFromSeed, isRefusal } from '@leadledger/kernel';
import { type RepEvent, type RepView, repDecider, repStreamId } from '@leadledger/leads';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { recordedAsNew, refuseKeyReusedFor } from '../http/idempotency-key-reuse';
import { RefusalException } from '../http/refusal.exception';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { RequestContexts } from '../http/request-context';
import { badRequest } from '../http/validation';
import { CLOCK, ID_SOURCE } from '../platform/tokens';
import type { RegisterRepDto } from './reps.dto';

export class RegisterRep extends Command<RepView> {
  constructor(
    readonly body: RegisterRepDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

@CommandHandler(RegisterRep)
export class RegisterRepHandler implements ICommandHandler<RegisterRep, RepView> {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  async execute({ body, actor, idempotencyKey }: RegisterRep): Promise<RepView> {
    // joinedAt, when given, is the registration's business time (history loaded as it happened).
    if (body.joinedAt !== undefined && Date.parse(body.joinedAt) > this.clock.now().getTime())
      throw badRequest([{ field: 'joinedAt', problem: 'joinedAt must not be in the future' }]);
    const occurredAt = body.joinedAt === undefined ? undefined : new Date(body.joinedAt).toISOString();
    const repId =
      body.repId ?? (idempotencyKey ? idFromSeed(`rep:idempotency:${actor.keyId}:${idempotencyKey}`) : this.ids.next());
    const command = { kind: 'RegisterRep', repId, name: body.name, email: body.email, team: body.team } as const;
    const keyUse = { scope: 'rep', apiKeyId: actor.keyId, key: idempotencyKey, resourceId: repId } as const;
    await this.idempotencyKeys.refuseIfUsedElsewhere(keyUse, { field: 'repId', answerAs: 'repId' });
    const context = this.contexts.for(actor, { idempotencyKey, occurredAt });
    const result = await handleCommand(this.store, repStreamId(repId), repDecider, command, context);
    if (isRefusal(result)) {
      const registered = await this.registeredUnder(repId, actor, idempotencyKey);
      if (!registered) throw new RefusalException(result);
      const { name, email, team } = recordedAsNew(repDecider, command);
      refuseKeyReusedFor('rep', registered.data, { name, email, team });
    }
    await this.idempotencyKeys.bind(keyUse, this.contexts.for(actor, { idempotencyKey }));
    return repAnswer(this.store, repId);
  }

  /** The registration a request under this key made: its retry gets the same answer, not a conflict. */
  private async registeredUnder(repId: string, actor: Actor, idempotencyKey: string | null) {
    if (idempotencyKey === null) return null;
    const [registered] = await this.store.readStream(repStreamId(repId), { maxCount: 1 });
    const sameRequest =
      registered?.metadata.idempotencyKey === idempotencyKey && registered.metadata.actorId === actor.id;
    return sameRequest ? registered : null;
  }
}

/** The rep as its own stream has it, so the caller sees its write before the directory catches up. */
export async function repAnswer(store: EventStore, repId: string): Promise<RepView> {
  const events = await store.readStream(repStreamId(repId));
  const registered = events.find((e) => e.type === 'RepRegistered');
  if (!registered) throw new NotFoundError('rep', repId);
  const { name, email, team } = registered.data as Extract<RepEvent, { type: 'RepRegistered' }>['data'];
  const departedEvent = events.find((e) => e.type === 'RepDeparted');
  const departed = departedEvent?.data as Extract<RepEvent, { type: 'RepDeparted' }>['data'] | undefined;
  return {
    repId,
    name,
    email,
    team,
    status: departed ? 'departed' : 'active',
    registeredAt: registered.metadata.occurredAt,
    departedAt: departedEvent?.metadata.occurredAt ?? null,
    departureMode: departed?.mode ?? null,
    successorRepId: departed?.successorRepId ?? null,
    departureReason: departed?.reason ?? null,
  };
}
