import type { Actor } from '@leadledger/auth';
import { EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { type Clock, type IdSource, NotFoundError, isRefusal } from '@leadledger/kernel';
import { type RepCommand, repDecider, repStreamId } from '@leadledger/leads';
import type { EngineConfig } from '@leadledger/platform';
import { type HandOverRecord, type WorkLookups, handOverRecord, handOverWork } from '@leadledger/workflows';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RefusalException } from '../http/refusal.exception';
import { workflowPolicy } from '../platform/workflow-policy';
import { CLOCK, ENGINE_CONFIG, ID_SOURCE, WORK_LOOKUPS } from '../platform/tokens';
import type { DepartRepDto, HandOverDto } from './hand-over.dto';

export class DepartRep extends Command<HandOverRecord> {
  constructor(
    readonly repId: string,
    readonly body: DepartRepDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

export class HandOverWork extends Command<HandOverRecord> {
  constructor(
    readonly repId: string,
    readonly body: HandOverDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Records the departure or hand-over on the rep's stream, then moves the work inline so the
 * answer lists every pool, customer and lead; the hand-over reactor completes it after a crash.
 */
abstract class RepWorkHandler {
  constructor(
    protected readonly store: EventStore,
    protected readonly clock: Clock,
    protected readonly ids: IdSource,
    protected readonly config: EngineConfig,
    protected readonly lookups: WorkLookups,
  ) {}

  protected async successorIsActive(repId: string): Promise<boolean> {
    const { state } = await loadState(this.store, repStreamId(repId), repDecider);
    return state.status === 'active';
  }

  protected async record(repId: string, command: RepCommand, actor: Actor, reason: string): Promise<HandOverRecord> {
    const context = {
      actorId: actor.id,
      actorRole: actor.role,
      reason,
      occurredAt: this.clock.now().toISOString(),
      correlationId: this.ids.next(),
    };
    const result = await handleCommand(this.store, repStreamId(repId), repDecider, command, context);
    if (isRefusal(result) && result.code === 'RepNotFound') throw new NotFoundError('rep', repId);
    if (isRefusal(result)) throw new RefusalException(result);
    const [trigger] = result.events;
    await handOverWork(this.store, this.lookups, trigger, workflowPolicy(this.config));
    return handOverRecord(this.store, trigger);
  }
}

@CommandHandler(DepartRep)
export class DepartRepHandler extends RepWorkHandler implements ICommandHandler<DepartRep, HandOverRecord> {
  constructor(
    store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_SOURCE) ids: IdSource,
    @Inject(ENGINE_CONFIG) config: EngineConfig,
    @Inject(WORK_LOOKUPS) lookups: WorkLookups,
  ) {
    super(store, clock, ids, config, lookups);
  }

  async execute({ repId, body, actor }: DepartRep): Promise<HandOverRecord> {
    const successor = body.successorRepId
      ? { repId: body.successorRepId, active: await this.successorIsActive(body.successorRepId) }
      : null;
    const command = { kind: 'DepartRep', mode: body.mode, successor, reason: body.reason } as const;
    return this.record(repId, command, actor, body.reason);
  }
}

@CommandHandler(HandOverWork)
export class HandOverWorkHandler extends RepWorkHandler implements ICommandHandler<HandOverWork, HandOverRecord> {
  constructor(
    store: EventStore,
    @Inject(CLOCK) clock: Clock,
    @Inject(ID_SOURCE) ids: IdSource,
    @Inject(ENGINE_CONFIG) config: EngineConfig,
    @Inject(WORK_LOOKUPS) lookups: WorkLookups,
  ) {
    super(store, clock, ids, config, lookups);
  }

  async execute({ repId, body, actor }: HandOverWork): Promise<HandOverRecord> {
    const command = {
      kind: 'RequestHandOver',
      toRepId: body.toRepId,
      successorActive: await this.successorIsActive(body.toRepId),
      reason: body.reason,
      byActorId: actor.id,
    } as const;
    return this.record(repId, command, actor, body.reason);
  }
}
