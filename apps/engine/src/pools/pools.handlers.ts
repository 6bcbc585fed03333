import type { Actor } from '@leadledger/auth';
import { EventStore, loadState } from '@leadledger/event-store';
import { type Clock, type IdSource, NotFoundError, type Refusal, idFromSeed, isRefusal } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { ReadModelDatabase } from '@leadledger/projections';
import {
  type BusinessDay,
  type PoolCommand,
  type PoolState,
  type PoolSummary,
  type PoolView,
  getPoolView,
  listPools,
  poolDecider,
  poolStreamId,
  poolView,
} from '@leadledger/routing';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler, type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { recordedAsNew, refuseKeyReusedFor } from '../http/idempotency-key-reuse';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { RequestContexts } from '../http/request-context';
import { badRequest } from '../http/validation';
import { requireActiveRep } from '../platform/active-rep';
import { CLOCK, ENGINE_CONFIG, ID_SOURCE } from '../platform/tokens';
import type { AddMemberDto, ChangeMemberDto, CreatePoolDto } from './pools.dto';
import { PoolWriter, businessDayOf, poolProblem } from './pool-writer';

const answerOrThrow = (answer: PoolView | Refusal): PoolView => {
  if (isRefusal(answer)) throw poolProblem(answer);
  return answer;
};

export class CreatePoolRequest extends Command<PoolView> {
  constructor(
    readonly body: CreatePoolDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

@CommandHandler(CreatePoolRequest)
export class CreatePoolHandler implements ICommandHandler<CreatePoolRequest, PoolView> {
  constructor(
    private readonly pools: PoolWriter,
    private readonly store: EventStore,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
    private readonly idempotencyKeys: IdempotencyKeys,
    private readonly contexts: RequestContexts,
  ) {}

  async execute({ body, actor, idempotencyKey }: CreatePoolRequest): Promise<PoolView> {
    const { poolId: given, ...settings } = body;
    // A retry with the same Idempotency-Key names the same pool and gets the same kind of answer.
    const poolId =
      given ?? (idempotencyKey ? idFromSeed(`pool:idempotency:${actor.keyId}:${idempotencyKey}`) : this.ids.next());
    const command: PoolCommand = { kind: 'CreatePool', poolId, ...settings };
    const keyUse = { scope: 'pool', apiKeyId: actor.keyId, key: idempotencyKey, resourceId: poolId } as const;
    await this.idempotencyKeys.refuseIfUsedElsewhere(keyUse, { field: 'poolId', answerAs: 'poolId' });
    const answer = await this.pools.write({ poolId, actor, request: () => [command], idempotencyKey });
    const bindKey = () => this.idempotencyKeys.bind(keyUse, this.contexts.for(actor, { idempotencyKey }));
    if (isRefusal(answer) && answer.code === 'PoolAlreadyExists' && idempotencyKey) {
      const [created] = await this.store.readStream(poolStreamId(poolId), { maxCount: 1 });
      if (created?.metadata.idempotencyKey === idempotencyKey) {
        const asRecorded = recordedAsNew(poolDecider, command);
        refuseKeyReusedFor(
          'pool',
          created.data,
          Object.fromEntries(Object.keys(settings).map((f) => [f, asRecorded[f]])),
        );
        await bindKey();
        const { state } = await loadState(this.store, poolStreamId(poolId), poolDecider);
        return poolView(state, this.pools.today())!;
      }
    }
    const created = answerOrThrow(answer);
    await bindKey();
    return created;
  }
}

export class AddPoolMember extends Command<PoolView> {
  constructor(
    readonly poolId: string,
    readonly body: AddMemberDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** Only a registered rep who has not departed joins a pool (404 / 409 RepDeparted otherwise). */
@CommandHandler(AddPoolMember)
export class AddPoolMemberHandler implements ICommandHandler<AddPoolMember, PoolView> {
  constructor(
    private readonly pools: PoolWriter,
    private readonly store: EventStore,
  ) {}

  async execute({ poolId, body, actor }: AddPoolMember): Promise<PoolView> {
    const { repId, weight } = body;
    await requireActiveRep(this.store, repId);
    const caps = { dailyCap: body.dailyCap ?? null, monthlyCap: body.monthlyCap ?? null };
    const request = (_: PoolState, when: BusinessDay): PoolCommand[] => [
      { kind: 'AddMember', poolId, repId, weight, ...caps, ...when },
    ];
    return answerOrThrow(await this.pools.write({ poolId, actor, request }));
  }
}

export type MemberChange =
  | { readonly kind: 'remove' }
  | { readonly kind: 'pause'; readonly reason: string }
  | { readonly kind: 'resume' }
  | { readonly kind: 'update'; readonly body: ChangeMemberDto };

export class ChangePoolMember extends Command<PoolView> {
  constructor(
    readonly poolId: string,
    readonly repId: string,
    readonly change: MemberChange,
    readonly actor: Actor,
  ) {
    super();
  }
}

@CommandHandler(ChangePoolMember)
export class ChangePoolMemberHandler implements ICommandHandler<ChangePoolMember, PoolView> {
  constructor(private readonly pools: PoolWriter) {}

  async execute({ poolId, repId, change, actor }: ChangePoolMember): Promise<PoolView> {
    if (change.kind === 'update' && Object.values(change.body).every((value) => value === undefined)) {
      throw badRequest([{ field: 'weight|dailyCap|monthlyCap', problem: 'give at least one of them' }]);
    }
    const reason = change.kind === 'pause' ? change.reason : null;
    const request = (state: PoolState, when: BusinessDay) => memberCommands(poolId, repId, change, state, when);
    return answerOrThrow(await this.pools.write({ poolId, actor, request, reason }));
  }
}

/** The pool commands for one member change; a PATCH of one cap keeps the other as the state has it. */
function memberCommands(
  poolId: string,
  repId: string,
  change: MemberChange,
  state: PoolState,
  when: BusinessDay,
): PoolCommand[] {
  const member = { poolId, repId };
  switch (change.kind) {
    case 'remove':
      return [{ kind: 'RemoveMember', ...member, reason: 'removed' }];
    case 'pause':
      return [{ kind: 'PauseMember', ...member, reason: change.reason }];
    case 'resume':
      return [{ kind: 'ResumeMember', ...member, ...when }];
    case 'update': {
      const { weight, dailyCap, monthlyCap } = change.body;
      const current = state.status === 'active' ? state.members.find((m) => m.repId === repId) : undefined;
      const commands: PoolCommand[] = [];
      if (weight !== undefined) commands.push({ kind: 'ChangeWeight', ...member, weight, ...when });
      if (dailyCap !== undefined || monthlyCap !== undefined) {
        commands.push({
          kind: 'ChangeCaps',
          ...member,
          dailyCap: dailyCap === undefined ? (current?.dailyCap ?? null) : dailyCap,
          monthlyCap: monthlyCap === undefined ? (current?.monthlyCap ?? null) : monthlyCap,
          ...when,
        });
      }
      return commands;
    }
  }
}

export class ListPools extends Query<{ pools: PoolSummary[] }> {}

/** From the pool-board read model. */
@QueryHandler(ListPools)
export class ListPoolsHandler implements IQueryHandler<ListPools, { pools: PoolSummary[] }> {
  constructor(private readonly readModels: ReadModelDatabase) {}

  async execute(): Promise<{ pools: PoolSummary[] }> {
    return { pools: listPools(this.readModels.db) };
  }
}

export class GetPool extends Query<PoolView> {
  constructor(readonly poolId: string) {
    super();
  }
}

/** From the pool-board read model; "today" is the clock's business day. */
@QueryHandler(GetPool)
export class GetPoolHandler implements IQueryHandler<GetPool, PoolView> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ poolId }: GetPool): Promise<PoolView> {
    const today = businessDayOf(this.clock.now(), this.config.timeZone);
    const view = getPoolView(this.readModels.db, poolId, today);
    if (!view) throw new NotFoundError('pool', poolId);
    return view;
  }
}
