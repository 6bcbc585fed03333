import type { Actor } from '@leadledger/auth';
import {
  type CustomerCommand,
  type CustomerView,
  type FollowUpLogged,
  customerDecider,
  customerStreamId,
  getCustomer,
} from '@leadledger/customers';
import { type CommandContext, EventStore, type StoredEvent, handleCommand, loadState } from '@leadledger/event-store';
import { type Clock, NotFoundError, isRefusal } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { defaultTerms } from '@leadledger/workflows';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actingRep } from '../auth/acting-rep';
import { RequestContexts } from '../http/request-context';
import { RefusalException } from '../http/refusal.exception';
import { badRequest } from '../http/validation';
import { refuseDatingByRep } from '../platform/undated-for-reps';
import { refuseBeforeJoining, requireActiveRep } from '../platform/active-rep';
import { EffectiveTimes } from '../platform/effective-at';
import { workflowPolicy } from '../platform/workflow-policy';
import { claimUnder, judgeAndCountClaim, sharedPoolPolicy, withRule } from './shared-pool-claims';
import { CLOCK, ENGINE_CONFIG } from '../platform/tokens';
import type { ClaimCustomerDto, FollowUpLoggedDto, LogFollowUpDto, TransferCustomerDto } from './customers.dto';

/** Appends one command to the customer's stream: a refusal is a 409, an unknown customer a 404. */
@Injectable()
export class CustomerCommands {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
    private readonly contexts: RequestContexts,
  ) {}

  context(actor: Actor, occurredAt: string, reason?: string): CommandContext {
    return this.contexts.for(actor, { occurredAt, reason });
  }

  async apply(customerId: string, command: CustomerCommand, context: CommandContext): Promise<readonly StoredEvent[]> {
    // Every rep claiming at once contends for this one stream: each lost race re-reads and re-decides.
    const result = await handleCommand(this.store, customerStreamId(customerId), customerDecider, command, context, {
      retriesOnConflict: 50,
    });
    if (isRefusal(result)) {
      if (result.code === 'CustomerUnknown') throw new NotFoundError('customer', customerId);
      throw new RefusalException(result);
    }
    return result.events;
  }

  /** The customer as GET /customers/:id shows it, once the directory has read this request's own events. */
  async view(customerId: string, events: readonly StoredEvent[]): Promise<CustomerView> {
    const last = events.at(-1);
    if (last) await this.projections.reached(last.position);
    const customer = getCustomer(this.readModels.db, customerId);
    if (!customer) throw new NotFoundError('customer', customerId);
    return customer;
  }
}

export class ClaimCustomerRequest extends Command<CustomerView> {
  constructor(
    readonly customerId: string,
    readonly body: ClaimCustomerDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * 认领 from the shared pool: the first valid claim wins; a colleague's protection or a recent
 * release refuses. Dated `effectiveAt` when given: judged at that time, and counted against
 * the daily claim limit of the business day it is dated.
 */
@CommandHandler(ClaimCustomerRequest)
export class ClaimCustomerHandler implements ICommandHandler<ClaimCustomerRequest, CustomerView> {
  constructor(
    private readonly store: EventStore,
    private readonly customers: CustomerCommands,
    private readonly times: EffectiveTimes,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  async execute({ customerId, body, actor }: ClaimCustomerRequest): Promise<CustomerView> {
    const repId = actingRep(actor, body.repId);
    refuseDatingByRep(actor, body.effectiveAt, 'claim');
    await requireActiveRep(this.store, repId);
    const at = await this.times.ofOwnerChange(customerId, body.effectiveAt);
    await refuseBeforeJoining(this.store, repId, at);
    const policy = await sharedPoolPolicy(this.store, this.config.reclaimCoolDownDays);
    const terms = defaultTerms(workflowPolicy(this.config));
    const command = claimUnder(policy, { repId, at, terms, now: body.effectiveAt === undefined });
    const context = this.customers.context(actor, at);
    const { state } = await loadState(this.store, customerStreamId(customerId), customerDecider);
    if (state.status === 'unregistered') throw new NotFoundError('customer', customerId);
    // Judged on the customer as it stands, then counted on the rep's daily stream (holding cap, claims per day).
    const deps = { store: this.store, readModels: this.readModels, projections: this.projections };
    const claim = { customerId, command, state, timeZone: this.config.timeZone, policy };
    const giveBack = await judgeAndCountClaim(deps, claim, context);
    try {
      const events = await this.customers.apply(customerId, command, context);
      return this.customers.view(customerId, events);
    } catch (error) {
      await giveBack();
      if (error instanceof RefusalException) throw new RefusalException(withRule(error.refusal, policy));
      throw error;
    }
  }
}

export class LogFollowUpRequest extends Command<FollowUpLoggedDto> {
  constructor(
    readonly customerId: string,
    readonly body: LogFollowUpDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * 跟进 by the owner: protection runs on from the follow-up by the owner's protection days.
 * Dated `effectiveAt` (or its older name `occurredAt`) when given.
 */
@CommandHandler(LogFollowUpRequest)
export class LogFollowUpHandler implements ICommandHandler<LogFollowUpRequest, FollowUpLoggedDto> {
  constructor(
    private readonly customers: CustomerCommands,
    private readonly times: EffectiveTimes,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ customerId, body, actor }: LogFollowUpRequest): Promise<FollowUpLoggedDto> {
    const repId = actingRep(actor, body.repId);
    const { effectiveAt, occurredAt } = body;
    if (effectiveAt !== undefined && occurredAt !== undefined)
      throw badRequest([{ field: 'occurredAt', problem: 'give effectiveAt or occurredAt (its older name), not both' }]);
    // A follow-up dated ahead would buy protection nobody has earned yet (occurredAt keeps its 400).
    if (occurredAt !== undefined && Date.parse(occurredAt) > this.clock.now().getTime()) {
      throw badRequest([{ field: 'occurredAt', problem: 'occurredAt must not be in the future' }]);
    }
    const at = await this.times.at(effectiveAt ?? occurredAt);
    const command = { kind: 'LogFollowUp', repId, followUpKind: body.kind, note: body.note, at } as const;
    const [logged] = await this.customers.apply(customerId, command, this.customers.context(actor, at));
    return logged.data as unknown as FollowUpLogged['data'];
  }
}

export class TransferCustomerRequest extends Command<CustomerView> {
  constructor(
    readonly customerId: string,
    readonly body: TransferCustomerDto,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * 移交 of one customer by a manager, with the reason recorded; the new owner starts a fresh
 * protection. Dated `effectiveAt` when given (history loaded as it happened).
 */
@CommandHandler(TransferCustomerRequest)
export class TransferCustomerHandler implements ICommandHandler<TransferCustomerRequest, CustomerView> {
  constructor(
    private readonly store: EventStore,
    private readonly customers: CustomerCommands,
    private readonly times: EffectiveTimes,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ customerId, body, actor }: TransferCustomerRequest): Promise<CustomerView> {
    await requireActiveRep(this.store, body.toRepId);
    const at = await this.times.ofOwnerChange(customerId, body.effectiveAt);
    await refuseBeforeJoining(this.store, body.toRepId, at);
    const reason = body.reason.trim();
    const command = {
      kind: 'TransferCustomer',
      toRepId: body.toRepId,
      byActorId: actor.id,
      reason,
      at,
      ...defaultTerms(workflowPolicy(this.config)),
      via: 'transfer',
    } as const;
    const events = await this.customers.apply(customerId, command, this.customers.context(actor, at, reason));
    return this.customers.view(customerId, events);
  }
}
