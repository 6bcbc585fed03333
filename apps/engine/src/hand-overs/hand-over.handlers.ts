import type { Actor } from '@leadledger/auth';
import { EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { NotFoundError, isRefusal } from '@leadledger/kernel';
import { type RepCommand, repDecider, repStreamId } from '@leadledger/leads';
import type { EngineConfig } from '@leadledger/platform';
import { type HandOverRecord, type WorkLookups, handOverRecord, handOverWork } from '@leadledger/workflows';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { RefusalException } from '../http/refusal.exception';
import { badRequest } from '../http/validation';
import { RequestContexts } from '../http/request-context';
import { refuseBeforeJoining } from '../platform/active-rep';
import { EffectiveTimes } from '../platform/effective-at';
import { ReadModelsBehindError } from '../platform/read-model-lookups';
import { workflowPolicy } from '../platform/workflow-policy';
import { ENGINE_CONFIG, WORK_LOOKUPS } from '../platform/tokens';
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
/**
 * 503: the departure or hand-over is recorded, but the read models that list the rep's work
 * stopped short of it, so nothing was moved rather than only part; the hand-over reactor moves
 * everything once they have caught up (after a rebuild or restart). Asking again is refused.
 */
function handOverPending(position: bigint, error: ReadModelsBehindError): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'HandOverPending',
    message: `Recorded at position ${position}; the work is not moved yet: ${error.message}. It is moved once the read models are back (see /health).`,
  });
}

@Injectable()
export class RepWork {
  constructor(
    private readonly store: EventStore,
    private readonly contexts: RequestContexts,
    private readonly times: EffectiveTimes,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    @Inject(WORK_LOOKUPS) private readonly lookups: WorkLookups,
  ) {}

  /** A successor nobody registered is an unknown id (404); a departed one the rep decider refuses (SuccessorNotActive). */
  async successorIsActive(repId: string): Promise<boolean> {
    const { state } = await loadState(this.store, repStreamId(repId), repDecider);
    if (state.status === 'absent') throw new NotFoundError('rep', repId);
    return state.status === 'active';
  }

  /** `effectiveAt` (past, checked here) becomes the event's occurredAt, and so the time of every transfer it makes. */
  async record(
    repId: string,
    command: RepCommand,
    actor: Actor,
    reason: string,
    effectiveAt: string | undefined,
  ): Promise<HandOverRecord> {
    const occurredAt = await this.times.at(effectiveAt);
    await refuseBeforeJoining(this.store, repId, occurredAt);
    const context = this.contexts.for(actor, { reason, occurredAt });
    const result = await handleCommand(this.store, repStreamId(repId), repDecider, command, context);
    if (isRefusal(result) && result.code === 'RepNotFound') throw new NotFoundError('rep', repId);
    if (isRefusal(result)) throw new RefusalException(result);
    const [trigger] = result.events;
    try {
      await handOverWork(this.store, this.lookups, trigger, workflowPolicy(this.config));
    } catch (error) {
      if (error instanceof ReadModelsBehindError) throw handOverPending(trigger.position, error);
      throw error;
    }
    return handOverRecord(this.store, trigger);
  }
}

@CommandHandler(DepartRep)
export class DepartRepHandler implements ICommandHandler<DepartRep, HandOverRecord> {
  constructor(private readonly work: RepWork) {}

  async execute({ repId, body, actor }: DepartRep): Promise<HandOverRecord> {
    // A release cannot be undone: a successor named with it says the caller meant a hand-off.
    if (body.mode === 'release' && body.successorRepId !== undefined) {
      const problem = 'a release sends everything to the shared pool: leave the successor out, or use mode hand-off';
      throw badRequest([{ field: 'successorRepId', problem }]);
    }
    const successor = body.successorRepId
      ? { repId: body.successorRepId, active: await this.work.successorIsActive(body.successorRepId) }
      : null;
    const command = { kind: 'DepartRep', mode: body.mode, successor, reason: body.reason } as const;
    return this.work.record(repId, command, actor, body.reason, body.effectiveAt);
  }
}

@CommandHandler(HandOverWork)
export class HandOverWorkHandler implements ICommandHandler<HandOverWork, HandOverRecord> {
  constructor(private readonly work: RepWork) {}

  async execute({ repId, body, actor }: HandOverWork): Promise<HandOverRecord> {
    const command = {
      kind: 'RequestHandOver',
      toRepId: body.toRepId,
      successorActive: await this.work.successorIsActive(body.toRepId),
      reason: body.reason,
      byActorId: actor.id,
    } as const;
    return this.work.record(repId, command, actor, body.reason, body.effectiveAt);
  }
}
