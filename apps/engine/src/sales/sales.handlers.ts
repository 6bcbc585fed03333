import type { Actor } from '@leadledger/auth';
import {
  type AttributionRow,
  type LedgerLine,
  type SaleView,
  attributionSummary,
  getSale,
  ledgerLinesOfSale,
} from '@leadledger/commissions';
import { type CountryCode, identityKeysOf } from '@leadledger/customers';
import { EventStore, type StoredEvent, handleCommand, loadState } from '@leadledger/event-store';
import { type Clock, NotFoundError, idFromSeed, isRefusal } from '@leadledger/kernel';
import type { EngineConfig } from '@leadledger/platform';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { type SaleCommand, saleDecider, saleStreamId } from '@leadledger/sales';
import { customersHolding, recordSale } from '@leadledger/workflows';
import { Inject, Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler, Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { IdempotencyKeys } from '../http/idempotency-keys';
import { refuseBeforeJoining } from '../platform/active-rep';
import { RequestContexts } from '../http/request-context';
import { refusalAnswer } from '../http/refusal-answer';
import { badRequest } from '../http/validation';
import { instantOfQuery } from '../platform/query-time';
import { CLOCK, ENGINE_CONFIG } from '../platform/tokens';
import type { CancelSaleDto, RecordPaymentDto, RecordRefundDto, RecordSaleDto } from './sales.dto';

export interface SaleAnswer extends SaleView {
  readonly commissionLines: readonly LedgerLine[];
}

const saleIdFor = (externalId: string) => idFromSeed(`sale:${externalId}`);

/** Refusals of the sale stream that are bad input or unknown ids rather than conflicts with its state. */
const saleRefusals = (saleId: string, customerId = '', leadId = '') =>
  ({
    notFound: {
      SaleUnknown: ['sale', saleId],
      CustomerUnknown: ['customer', customerId],
      LeadNotFound: ['lead', leadId],
    },
    badInput: {
      InvalidAmount: 'amount',
      InvalidCost: 'cost',
      UnknownCurrency: 'currency',
      CurrencyNotInPlan: 'currency',
      CurrencyMismatch: 'currency',
      ClosedInFuture: 'closedAt',
      // A time without its zone: closedAt of a sale; a payment, refund or cancellation names its own time field.
      InvalidTime: 'closedAt',
      RepNotRegistered: 'closingRepId',
      ReasonRequired: 'reason',
    },
  }) as const;

/** Reads a sale as GET /sales/:id shows it, once the read models have caught up with `events`. */
@Injectable()
export class SaleViews {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  async after(events: readonly StoredEvent[], saleId: string, actor: Actor): Promise<SaleAnswer> {
    await this.projections.reached(events.at(-1)?.position ?? (await this.store.headPosition()));
    return this.view(saleId, actor);
  }

  /**
   * The engine's sale id for `id`: the id itself when a sale has it, else the id of the sale
   * recorded under `id` as its external id (contract number). Read from the log, so a write
   * right after the sale was recorded finds it.
   */
  async resolve(id: string): Promise<string> {
    const { state } = await loadState(this.store, saleStreamId(id), saleDecider);
    return state.status === 'absent' ? saleIdFor(id) : id;
  }

  /**
   * A rep sees a sale they closed, own or found, and of its commission only their own lines (a
   * colleague's or a partner's pay is not theirs to read); to anyone else it does not exist.
   * Either id names it.
   */
  view(id: string, actor: Actor): SaleAnswer {
    const db = this.readModels.db;
    const byId = getSale(db, id);
    const saleId = byId ? id : saleIdFor(id);
    const sale = byId ?? getSale(db, saleId);
    const { repId } = actor;
    const involved = sale && [sale.sale.closingRepId, sale.attribution.creditedRepId, sale.attribution.finderRepId];
    if (!sale || (actor.role === 'rep' && !involved?.includes(repId))) throw new NotFoundError('sale', id);
    const lines = ledgerLinesOfSale(this.readModels.db, saleId);
    const own = (line: (typeof lines)[number]) => line.payee.kind === 'rep' && line.payee.id === repId;
    return { ...sale, commissionLines: actor.role === 'rep' ? lines.filter(own) : lines };
  }
}

export class RecordSaleRequest extends Command<SaleAnswer> {
  constructor(
    readonly body: RecordSaleDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null,
  ) {
    super();
  }
}

/** 成交: resolves the customer, checks the lead and the plan in effect, records the sale and converts its lead. */
@CommandHandler(RecordSaleRequest)
export class RecordSaleHandler implements ICommandHandler<RecordSaleRequest, SaleAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly views: SaleViews,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
    private readonly idempotencyKeys: IdempotencyKeys,
  ) {}

  async execute({ body, actor, idempotencyKey }: RecordSaleRequest): Promise<SaleAnswer> {
    const customerId = await this.customerOf(body);
    const saleId = saleIdFor(body.externalId);
    const at = this.clock.now().toISOString();
    const sale = {
      saleId,
      externalId: body.externalId,
      customerId,
      amount: body.amount,
      cost: body.cost ?? null,
      currency: body.currency,
      closedAt: body.closedAt,
      closingRepId: body.closingRepId,
      leadId: body.leadId ?? null,
      at,
    };
    await refuseBeforeJoining(this.store, body.closingRepId, new Date(body.closedAt).toISOString());
    const keyUse = { scope: 'sale', apiKeyId: actor.keyId, key: idempotencyKey, resourceId: saleId } as const;
    await this.idempotencyKeys.refuseIfUsedElsewhere(keyUse, { field: 'externalId', answerAs: 'saleId' });
    const context = this.contexts.for(actor, { occurredAt: body.closedAt, idempotencyKey });
    const result = await recordSale(this.store, sale, { saleRequiresLead: this.config.saleRequiresLead }, context);
    if (isRefusal(result)) throw refusalAnswer(result, saleRefusals(saleId, customerId, sale.leadId ?? ''));
    await this.idempotencyKeys.bind(keyUse, this.contexts.for(actor, { idempotencyKey }));
    return this.views.after(result, saleId, actor);
  }

  /** Our customer id as given, or the one customer holding the given identity keys. */
  private async customerOf(body: RecordSaleDto): Promise<string> {
    if (body.customerId === undefined && body.customerKeys === undefined)
      throw badRequest([{ field: 'customerId', problem: 'give customerId or customerKeys to name the customer' }]);
    if (body.customerId !== undefined && body.customerKeys !== undefined)
      throw badRequest([{ field: 'customerId', problem: 'give either customerId or customerKeys, not both' }]);
    if (body.customerId !== undefined) return body.customerId;
    const { keys, problems } = identityKeysOf(body.customerKeys ?? {}, this.config.defaultCountry as CountryCode);
    if (problems.length > 0)
      throw badRequest(problems.map((p) => ({ field: `customerKeys.${p.field}`, problem: p.message })));
    if (keys.length === 0) throw badRequest([{ field: 'customerKeys', problem: 'give at least one identity key' }]);
    const holders = [...(await customersHolding(this.store, keys))].sort();
    if (holders.length === 0) throw new NotFoundError('customer with these keys', keys.map((k) => k.value).join(', '));
    if (holders.length > 1)
      throw refusalAnswer({
        kind: 'refusal',
        code: 'CustomerKeysConflict',
        message: 'The keys belong to different customers; name the customer by id',
        facts: { customerIds: holders },
      });
    return holders[0];
  }
}

export class SaleChangeRequest extends Command<SaleAnswer> {
  constructor(
    readonly saleId: string,
    readonly change:
      | { readonly kind: 'payment'; readonly body: RecordPaymentDto }
      | { readonly kind: 'refund'; readonly body: RecordRefundDto }
      | { readonly kind: 'cancellation'; readonly body: CancelSaleDto },
    readonly actor: Actor,
  ) {
    super();
  }
}

/** 回款, refunds and cancellations: one command on the sale's stream each, idempotent by external id. */
@CommandHandler(SaleChangeRequest)
export class SaleChangeHandler implements ICommandHandler<SaleChangeRequest, SaleAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly views: SaleViews,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ saleId: id, change, actor }: SaleChangeRequest): Promise<SaleAnswer> {
    const saleId = await this.views.resolve(id);
    const at = this.clock.now().toISOString();
    const [command, occurredAt, reason] = this.commandFor(saleId, change, at);
    const context = this.contexts.for(actor, { occurredAt, reason });
    const result = await handleCommand(this.store, saleStreamId(saleId), saleDecider, command, context);
    const timeField = { payment: 'receivedAt', refund: 'refundedAt', cancellation: 'cancelledAt' }[change.kind];
    if (isRefusal(result)) {
      const mapping = saleRefusals(id);
      throw refusalAnswer(result, { ...mapping, badInput: { ...mapping.badInput, InvalidTime: timeField } });
    }
    return this.views.after(result.events, saleId, actor);
  }

  private commandFor(
    saleId: string,
    change: SaleChangeRequest['change'],
    at: string,
  ): [SaleCommand, string, string | null] {
    switch (change.kind) {
      case 'payment': {
        const { externalId, amount, currency, receivedAt } = change.body;
        const paymentId = idFromSeed(`payment:${saleId}:${externalId}`);
        return [
          { type: 'RecordPayment', saleId, paymentId, externalId, amount, currency, receivedAt, at },
          receivedAt,
          null,
        ];
      }
      case 'refund': {
        const { externalId, amount, currency, refundedAt, reason } = change.body;
        const refundId = idFromSeed(`refund:${saleId}:${externalId}`);
        const command = {
          type: 'RecordRefund',
          saleId,
          refundId,
          externalId,
          amount,
          currency,
          refundedAt,
          reason,
          at,
        } as const;
        return [command, refundedAt, reason];
      }
      case 'cancellation': {
        const cancelledAt = change.body.cancelledAt ?? at;
        return [
          { type: 'CancelSale', saleId, cancelledAt, reason: change.body.reason, at },
          cancelledAt,
          change.body.reason,
        ];
      }
    }
  }
}

export class GetSale extends Query<SaleAnswer> {
  constructor(
    readonly saleId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

@QueryHandler(GetSale)
export class GetSaleHandler implements IQueryHandler<GetSale, SaleAnswer> {
  constructor(private readonly views: SaleViews) {}

  async execute({ saleId, actor }: GetSale): Promise<SaleAnswer> {
    return this.views.view(saleId, actor);
  }
}

export class GetAttribution extends Query<{ from: string; to: string; rows: AttributionRow[] }> {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super();
  }
}

@QueryHandler(GetAttribution)
export class GetAttributionHandler implements IQueryHandler<GetAttribution> {
  constructor(
    private readonly readModels: ReadModelDatabase,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {}

  async execute({ from, to }: GetAttribution) {
    // A date-only bound is the start of that business day in LEADLEDGER_TIMEZONE, not UTC midnight.
    const [start, end] = [instantOfQuery(from, this.config.timeZone), instantOfQuery(to, this.config.timeZone)];
    return { from, to, rows: attributionSummary(this.readModels.db, start, end) };
  }
}

export class FindSales extends Query<{ externalId: string; sales: SaleAnswer[] }> {
  constructor(
    readonly externalId: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/** The sale recorded under a contract number, as a list of none or one (a rep sees only their own). */
@QueryHandler(FindSales)
export class FindSalesHandler implements IQueryHandler<FindSales> {
  constructor(
    private readonly views: SaleViews,
    private readonly readModels: ReadModelDatabase,
  ) {}

  async execute({ externalId, actor }: FindSales) {
    const saleId = saleIdFor(externalId);
    const found = getSale(this.readModels.db, saleId) !== null;
    const visible = found ? [this.viewOrNull(saleId, actor)].filter((s): s is SaleAnswer => s !== null) : [];
    return { externalId, sales: visible };
  }

  private viewOrNull(saleId: string, actor: Actor): SaleAnswer | null {
    try {
      return this.views.view(saleId, actor);
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }
}
