import type { Actor } from '@leadledger/auth';
import {
  type CountryCode,
  type IdentityKey,
  customerDecider,
  customerStreamId,
  identityKeysOf,
} from '@leadledger/customers';
import { type CommandContext, EventStore, foldEvents, handleCommand, loadState } from '@leadledger/event-store';
import { type Clock, type IdSource, type Refusal, idFromSeed, isRefusal, refuse } from '@leadledger/kernel';
import { type LeadCommand, RECEIVED_IN_PERSON, leadDecider, leadStreamId, routeLead } from '@leadledger/leads';
import type { EngineConfig } from '@leadledger/platform';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import {
  IntakesInFlight,
  customersHolding,
  defaultTerms,
  matchedCustomer,
  processReceivedLead,
} from '@leadledger/workflows';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actingRep } from '../auth/acting-rep';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { RequestContexts } from '../http/request-context';
import { RefusalException } from '../http/refusal.exception';
import { badRequest } from '../http/validation';
import { type ColleagueOwnership, ownedByColleagueRefusal } from '../platform/owner-disclosure';
import { workflowPolicy } from '../platform/workflow-policy';
import { CLOCK, ENGINE_CONFIG, ID_SOURCE } from '../platform/tokens';
import { checkLeadRequest } from './lead-intake-checks';
import type { LeadAnswerDto, ReceiveLeadDto } from './leads.dto';
import { type CountedSourcing, countSourcingFromSharedPool } from './rep-sourced-shared-pool';

export class ReceiveLead extends Command<LeadAnswerDto> {
  constructor(
    readonly body: ReceiveLeadDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

@CommandHandler(ReceiveLead)
export class ReceiveLeadHandler implements ICommandHandler<ReceiveLead, LeadAnswerDto> {
  constructor(
    private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
    private readonly contexts: RequestContexts,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly intakes: IntakesInFlight,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  async execute(request: ReceiveLead): Promise<LeadAnswerDto> {
    const { body, actor, idempotencyKey } = request;
    const { keys, problems } = identityKeysOf(body.contact, this.config.defaultCountry as CountryCode);
    if (problems.length > 0)
      throw badRequest(problems.map((p) => ({ field: `contact.${p.field}`, problem: p.message })));
    if (keys.length === 0) throw badRequest([{ field: 'contact', problem: 'needs a phone, an e-mail or a company' }]);
    // A rep pushes leads as themselves (naming a colleague is 403, as on every route); services and managers say who received it.
    const receivedBy = actor.role === 'rep' ? actingRep(actor, body.receivedBy) : (body.receivedBy ?? null);
    const leadId = body.externalId
      ? idFromSeed(`lead:external:${body.externalId}`)
      : idempotencyKey
        ? idFromSeed(`lead:idempotency:${actor.keyId}:${idempotencyKey}`)
        : this.ids.next();

    const keyUse = { scope: 'lead', apiKeyId: actor.keyId, key: idempotencyKey, resourceId: leadId } as const;
    await this.idempotencyKeys.refuseIfUsedElsewhere(keyUse, { field: 'externalId', answerAs: 'leadId' });
    // Registered before LeadReceived is written, so the intake reactor waits for this run instead of racing it.
    await this.intakes.run(leadId, () => this.receiveAndRoute(request, leadId, keys, receivedBy));
    await this.idempotencyKeys.bind(keyUse, this.contexts.for(actor, { idempotencyKey }));
    return leadAnswer(this.store, leadId);
  }

  /** Records the lead unless it was already received (a retry), then takes it through intake. */
  private async receiveAndRoute(
    { body, actor, idempotencyKey }: ReceiveLead,
    leadId: string,
    keys: readonly IdentityKey[],
    receivedBy: string | null,
  ): Promise<void> {
    const { state } = await loadState(this.store, leadStreamId(leadId), leadDecider);
    let counted: CountedSourcing | null = null;
    const contact = {
      name: body.contact.name ?? null,
      phone: body.contact.phone ?? null,
      email: body.contact.email ?? null,
      company: body.contact.company ?? null,
    };
    const command = {
      kind: 'ReceiveLead',
      leadId,
      channel: body.channel,
      contact,
      identityKeys: keys,
      externalId: body.externalId ?? null,
      receivedBy,
      referralPartnerId: body.referralPartnerId ?? null,
      poolId: body.poolId ?? null,
    } as const;
    if (state.status !== 'absent') {
      // A retry answers the first lead; the same key with another body is refused, naming what differs.
      await this.refuseReusedKey(command, leadId, body.occurredAt);
    } else {
      const now = this.clock.now();
      await checkLeadRequest(this.store, { ...command, occurredAt: body.occurredAt }, now);
      // A rep's own word that a customer walked in or called is no more than a claim of it, nor is
      // sourcing it; a lead that goes to a pool gives the rep nothing to count.
      const inPerson = RECEIVED_IN_PERSON.includes(body.channel);
      const claimsCustomer = body.channel === 'rep-sourced' || (actor.role === 'rep' && inPerson);
      const holders = claimsCustomer ? [...(await customersHolding(this.store, keys))] : [];
      const refusal = body.channel === 'rep-sourced' ? await this.ownedByColleague(holders, leadId, receivedBy) : null;
      if (refusal) throw new RefusalException(this.asSeenBy(actor, refusal));
      const occurredAt = new Date(body.occurredAt ?? now).toISOString();
      const context = this.contexts.for(actor, { occurredAt, idempotencyKey });
      counted = claimsCustomer ? await this.countSourcing(holders, receivedBy, occurredAt, context) : null;
      const result = await handleCommand(this.store, leadStreamId(leadId), leadDecider, command, context).catch(
        async (error: unknown) => {
          await counted?.giveBack();
          throw error;
        },
      );
      if (isRefusal(result) && result.code !== 'LeadAlreadyReceived') {
        await counted?.giveBack();
        throw new RefusalException(result);
      }
    }
    await processReceivedLead(this.store, leadId, workflowPolicy(this.config));
    if (counted && !(await ownedBy(this.store, counted.customerId, receivedBy))) await counted.giveBack();
  }

  /** A lead that takes a shared-pool customer for a rep on their say-so is a claim of it: judged and counted (409 before anything is written). */
  private async countSourcing(
    holders: readonly string[],
    receivedBy: string | null,
    at: string,
    context: CommandContext,
  ): Promise<CountedSourcing | null> {
    if (!receivedBy) return null;
    const deps = { store: this.store, readModels: this.readModels, projections: this.projections };
    const claim = {
      repId: receivedBy,
      at,
      timeZone: this.config.timeZone,
      terms: defaultTerms(workflowPolicy(this.config)),
      defaultCoolDownDays: this.config.reclaimCoolDownDays,
      now: true,
    };
    return countSourcingFromSharedPool(deps, holders, claim, context);
  }

  /** 409 IdempotencyKeyReused when this push differs from the recorded lead (occurredAt only when given). */
  private async refuseReusedKey(command: LeadCommand, leadId: string, occurredAt: string | undefined): Promise<void> {
    const events = await this.store.readStream(leadStreamId(leadId), { maxCount: 1 });
    const refusal = leadDecider.decide(command, foldEvents(leadDecider, events));
    const fields =
      isRefusal(refusal) && refusal.code === 'IdempotencyKeyReused' ? [...(refusal.facts.fields as string[])] : [];
    const recordedAt = events[0]?.metadata.occurredAt;
    if (occurredAt !== undefined && recordedAt && Date.parse(occurredAt) !== Date.parse(recordedAt)) {
      fields.push('occurredAt');
    }
    if (fields.length > 0) {
      throw new RefusalException(
        refuse('IdempotencyKeyReused', 'This external id or Idempotency-Key was used for a different lead', {
          leadId,
          fields,
        }),
      );
    }
  }

  /** A rep learns the owner of a colleague's customer only if the company says so (LEADLEDGER_REVEAL_OWNER_TO_REPS). */
  private asSeenBy(actor: Actor, refusal: Refusal): Refusal {
    if (refusal.code !== 'CustomerOwnedByColleague') return refusal;
    const { customerId, ownerId, protectedUntil } = refusal.facts as unknown as ColleagueOwnership;
    return ownedByColleagueRefusal(actor, { customerId, ownerId, protectedUntil }, this.config.revealOwnerToReps);
  }

  /** Rule c before anything is written: a rep-sourced lead for a colleague's customer is refused. */
  private async ownedByColleague(holders: readonly string[], leadId: string, receivedBy: string | null) {
    for (const customerId of holders) {
      const customer = await matchedCustomer(this.store, customerId, leadId);
      const route = routeLead({ channel: 'rep-sourced', receivedBy, poolId: null, customer });
      if (isRefusal(route)) return route;
    }
    return null;
  }
}

async function ownedBy(store: EventStore, customerId: string, repId: string | null): Promise<boolean> {
  const { state } = await loadState(store, customerStreamId(customerId), customerDecider);
  return state.status === 'owned' && state.owner.repId === repId;
}

/** The lead as it stands, with every event of its history: the answer to the push and its retries. */
export async function leadAnswer(store: EventStore, leadId: string): Promise<LeadAnswerDto> {
  const events = await store.readStream(leadStreamId(leadId));
  const state = foldEvents(leadDecider, events);
  if (state.status === 'absent') throw new Error(`lead ${leadId} vanished`);
  return {
    leadId,
    status: state.status,
    customerId: state.customerId,
    repId: 'repId' in state ? state.repId : null,
    flaggedForReview: state.status === 'received' && state.flaggedForReview,
    history: events.map((e) => ({
      type: e.type,
      data: e.data,
      occurredAt: e.metadata.occurredAt,
      actorId: e.metadata.actorId,
    })),
  };
}
