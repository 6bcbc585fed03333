import { EventStore, type StoredEvent, turnOfEventLoop } from '@leadledger/event-store';
import { NotFoundError } from '@leadledger/kernel';
import { getRep } from '@leadledger/leads';
import type { EngineConfig } from '@leadledger/platform';
import { ProjectionRunner, ReadModelDatabase, businessDay } from '@leadledger/projections';
import {
  type PoolEvent,
  type RoutingChange,
  RoutingWhatIf,
  type RoutingWhatIfResult,
  poolStreamId,
} from '@leadledger/routing';
import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type FieldProblem, badRequest } from '../http/validation';
import { ENGINE_CONFIG } from '../platform/tokens';
import { MAX_WINDOW_DAYS, MAX_WINDOW_EVENTS, type RoutingChangeDto, type RoutingWhatIfDto } from './what-if.dto';

export interface RoutingWhatIfAnswer extends RoutingWhatIfResult {
  readonly poolId: string;
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly changes: readonly RoutingChange[];
  /** The pool's events read: those before the window (folded) and in it (replayed). */
  readonly eventsRead: number;
  readonly eventsInWindow: number;
}

export class RunRoutingWhatIf extends Query<RoutingWhatIfAnswer> {
  constructor(readonly body: RoutingWhatIfDto) {
    super();
  }
}

/** Events per read of the pool's stream; the event loop is released between reads. */
const PAGE = 2000;
const DAY_MS = 86_400_000;

function windowProblems({ from, to }: RoutingWhatIfDto): FieldProblem[] {
  if (to <= from) return [{ field: 'to', problem: 'to must be a later day than from' }];
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
  if (days > MAX_WINDOW_DAYS)
    return [{ field: 'to', problem: `the window is ${days} days; it may be at most ${MAX_WINDOW_DAYS}` }];
  return [];
}

/** What each kind of change needs and may carry; class-validator has checked each field's own shape. */
function changeOf(dto: RoutingChangeDto, index: number, window: RoutingWhatIfDto): RoutingChange | FieldProblem {
  const at = (field: string, problem: string): FieldProblem => ({ field: `changes.${index}.${field}`, problem });
  const from = dto.from ?? window.from;
  if (from < window.from || from >= window.to)
    return at('from', `must be a day in the window [${window.from}, ${window.to})`);
  const terms = dto.weight !== undefined || dto.dailyCap !== undefined || dto.monthlyCap !== undefined;
  switch (dto.kind) {
    case 'strategy':
      if (!dto.strategy) return at('strategy', 'a strategy change names the strategy');
      if (dto.repId !== undefined || terms) return at('kind', 'a strategy change names no rep, weight or cap');
      return { kind: 'strategy', from, strategy: dto.strategy };
    case 'remove-member':
      if (!dto.repId) return at('repId', 'names the rep who leaves the pool');
      if (terms || dto.strategy) return at('kind', 'a removal names the rep only');
      return { kind: 'remove-member', from, repId: dto.repId };
    case 'member': {
      if (!dto.repId) return at('repId', 'names the rep whose terms change');
      if (!terms) return at('kind', 'a member change gives a weight, a dailyCap or a monthlyCap');
      if (dto.strategy) return at('strategy', 'a member change names no strategy');
      const { repId, weight, dailyCap, monthlyCap } = dto;
      return { kind: 'member', from, repId, weight, dailyCap, monthlyCap };
    }
  }
}

/**
 * A pool's history replayed with changes, read-only: the pool's own stream is read page by page
 * up to the window's end and folded in memory (`RoutingWhatIf`); nothing is appended and no
 * read model is written. Its cost is the pool's events up to `to`, as a replay of one of its
 * decisions costs; the window holds at most MAX_WINDOW_EVENTS of them.
 */
@QueryHandler(RunRoutingWhatIf)
export class RoutingWhatIfHandler implements IQueryHandler<RunRoutingWhatIf, RoutingWhatIfAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ body }: RunRoutingWhatIf): Promise<RoutingWhatIfAnswer> {
    const problems = windowProblems(body);
    const changes: RoutingChange[] = [];
    body.changes.forEach((dto, index) => {
      const change = changeOf(dto, index, body);
      if ('problem' in change) problems.push(change);
      else changes.push(change);
    });
    if (problems.length > 0) throw badRequest(problems);
    await this.projections.reached(await this.store.headPosition());
    const repProblems = changes.flatMap((change, index) => this.repProblem(change, index));
    if (repProblems.length > 0) throw badRequest(repProblems);
    const run = new RoutingWhatIf(changes);
    const { eventsRead, eventsInWindow } = await this.replay(body, run);
    run.finish();
    if (run.problems.length > 0) throw badRequest(run.problems);
    const { poolId, from, to } = body;
    return { poolId, from, to, timeZone: this.config.timeZone, changes, eventsRead, eventsInWindow, ...run.result() };
  }

  private async replay({ poolId, from, to }: RoutingWhatIfDto, run: RoutingWhatIf) {
    let eventsRead = 0;
    let eventsInWindow = 0;
    for (let revision = 0n; ; revision += BigInt(PAGE)) {
      const page = await this.store.readStream(poolStreamId(poolId), { fromRevision: revision, maxCount: PAGE });
      if (revision === 0n && page.length === 0) throw new NotFoundError('pool', poolId);
      for (const stored of page) {
        const event = { type: stored.type, data: stored.data } as unknown as PoolEvent;
        const day = this.dayOf(event, stored);
        if (day >= to) return { eventsRead, eventsInWindow };
        eventsRead += 1;
        if (eventsInWindow === 0 && day < from) {
          run.before(event);
          continue;
        }
        if (++eventsInWindow > MAX_WINDOW_EVENTS)
          throw badRequest([
            {
              field: 'to',
              problem: `the window holds more than ${MAX_WINDOW_EVENTS} of the pool's events: shorten it`,
            },
          ]);
        run.during({ event, day, occurredAt: stored.metadata.occurredAt });
      }
      if (page.length < PAGE) return { eventsRead, eventsInWindow };
      await turnOfEventLoop();
    }
  }

  /** A rep a member change names must be registered, and not gone before the change's day. */
  private repProblem(change: RoutingChange, index: number): FieldProblem[] {
    if (change.kind !== 'member') return [];
    const field = `changes.${index}.repId`;
    const rep = getRep(this.readModels.db, change.repId);
    if (!rep) return [{ field, problem: `no rep is registered as ${change.repId}` }];
    const leftOn = rep.departedAt && businessDay(rep.departedAt, this.config.timeZone);
    if (leftOn && leftOn <= change.from) {
      const when = leftOn === change.from ? "the change's own day" : `before the change's day ${change.from}`;
      return [{ field, problem: `${change.repId} left on ${leftOn}, ${when}` }];
    }
    return [];
  }

  /** A decision's day is the one the pool recorded; any other event's is its occurredAt's in the engine's zone. */
  private dayOf(event: PoolEvent, stored: StoredEvent): string {
    if (event.type === 'PoolLeadAssigned' || event.type === 'PoolLeadQueued') return event.data.day;
    return businessDay(stored.metadata.occurredAt, this.config.timeZone);
  }
}
