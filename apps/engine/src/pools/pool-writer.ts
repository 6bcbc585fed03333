import type { Actor } from '@leadledger/auth';
import { EventStore, handleCommand } from '@leadledger/event-store';
import { type Clock, type Decider, NotFoundError, type Refusal, isRefusal } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { businessDay } from '@leadledger/projections';
import {
  type BusinessDay,
  type PoolCommand,
  type PoolEvent,
  type PoolState,
  type PoolView,
  poolDecider,
  poolStreamId,
  poolView,
} from '@leadledger/routing';
import { Inject, Injectable } from '@nestjs/common';
import { RefusalException } from '../http/refusal.exception';
import { badRequest } from '../http/validation';
import { RequestContexts } from '../http/request-context';
import { CLOCK, ENGINE_CONFIG } from '../platform/tokens';

/** The business day and month of an instant in the configured time zone. */
export function businessDayOf(at: Date, timeZone: string): BusinessDay {
  const day = businessDay(at.toISOString(), timeZone);
  return { day, month: day.slice(0, 7) };
}

/** What one HTTP write asks of a pool, built from the state it is decided on, so nothing read earlier goes stale. */
export type PoolRequest = (state: PoolState, when: BusinessDay) => readonly PoolCommand[];

/** Decides each command on the state the previous one left; all their events are appended together, or none. */
function requestDecider(when: BusinessDay): Decider<PoolRequest, PoolState, PoolEvent> {
  return {
    initialState: poolDecider.initialState,
    evolve: poolDecider.evolve,
    snapshot: poolDecider.snapshot,
    decide(request, state) {
      const events: PoolEvent[] = [];
      let current = state;
      for (const command of request(state, when)) {
        const decision = poolDecider.decide(command, current);
        if (isRefusal(decision)) return decision;
        events.push(...decision);
        current = decision.reduce(poolDecider.evolve, current);
      }
      return events;
    },
  };
}

export interface PoolWrite {
  readonly poolId: string;
  readonly actor: Actor;
  readonly request: PoolRequest;
  readonly reason?: string | null;
  readonly idempotencyKey?: string | null;
}

/** Appends a manager's change to a pool's stream and answers with the pool as that append left it. */
@Injectable()
export class PoolWriter {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly contexts: RequestContexts,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  /** The business day of the clock's now: caps count in it and queued leads drained now are dated by it. */
  today(at: Date = this.clock.now()): BusinessDay {
    return businessDayOf(at, this.config.timeZone);
  }

  async write({ poolId, actor, request, reason, idempotencyKey }: PoolWrite): Promise<PoolView | Refusal> {
    const now = this.clock.now();
    const when = this.today(now);
    const context = this.contexts.for(actor, { occurredAt: now.toISOString(), idempotencyKey, reason });
    // Lead arrivals contend for the same stream: re-decide on the fresh state when one gets in first.
    const result = await handleCommand(this.store, poolStreamId(poolId), requestDecider(when), request, context, {
      retriesOnConflict: 20,
    });
    return isRefusal(result) ? result : poolView(result.state, when)!;
  }
}

const isBadCap = (cap: unknown): boolean => cap !== null && !(Number.isInteger(cap) && (cap as number) >= 1);

/** A refusal as the HTTP answer it deserves: unknown ids 404, invalid values 400 naming the field, the rest 409. */
export function poolProblem(refusal: Refusal): Error {
  const facts = refusal.facts;
  switch (refusal.code) {
    case 'PoolNotFound':
      return new NotFoundError('pool', String(facts.poolId));
    case 'MemberNotInPool':
      return new NotFoundError(`member of pool ${String(facts.poolId)}:`, String(facts.repId));
    case 'InvalidPoolSettings':
      return badRequest([{ field: String(facts.field), problem: refusal.message }]);
    case 'InvalidWeight':
      return badRequest([{ field: 'weight', problem: refusal.message }]);
    case 'InvalidCap':
      return badRequest(
        ['dailyCap', 'monthlyCap']
          .filter((field) => isBadCap(facts[field]))
          .map((field) => ({ field, problem: refusal.message })),
      );
    default:
      return new RefusalException(refusal);
  }
}
