import type { Actor } from '@leadledger/auth';
import {
  COMMISSION_LEDGER,
  COMMISSION_PERIODS_STREAM,
  type CommissionPlan,
  PLAN_BOOK_STREAM,
  type Payee,
  type PeriodCalendar,
  type Reconciliation,
  commissionPeriodsDecider,
  currenciesOf,
  differingAdjustmentFields,
  type LedgerStatement,
  isPeriodId,
  ledgerClosedThrough,
  ledgerKnowsPayee,
  financeStatement,
  latestAccrualFrom,
  parseCommissionPlan,
  payoutPreview,
  payoutRunClosing,
  payoutRunOf,
  periodOf,
  planBookDecider,
  recordedAdjustment,
} from '@leadledger/commissions';
import { EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { type Clock, type IdSource, NotFoundError, idFromSeed, isRefusal, isSafeSum, refuse } from '@leadledger/kernel';
import { getRep } from '@leadledger/leads';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { refuseUnregisteredRep } from '@leadledger/workflows';
import { ForbiddenException, Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler, Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { RequestContexts } from '../http/request-context';
import { refusalAnswer } from '../http/refusal-answer';
import { badRequest } from '../http/validation';
import { CLOCK, ID_SOURCE } from '../platform/tokens';
import type { PostAdjustmentDto } from './commissions.dto';
import { ReconciliationControl } from './reconciliation-control';

/** What commissions read outside their own projections: the plan book, and the ledger once it has caught up. */
/** 503: the ledger has not applied the log up to now (it failed or stopped; /health says which). */
function ledgerBehindLog(read: bigint, head: bigint): ServiceUnavailableException {
  return new ServiceUnavailableException({
    statusCode: 503,
    error: 'Service Unavailable',
    code: 'LedgerBehindLog',
    message: `The commission ledger has applied the log up to position ${read}, not ${head}: nothing is paid from it until it has (see /health)`,
  });
}

@Injectable()
export class CommissionBooks {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  async plans(): Promise<readonly CommissionPlan[]> {
    return (await loadState(this.store, PLAN_BOOK_STREAM, planBookDecider)).state.plans;
  }

  /** Periods are one calendar for every plan version (the plan book refuses a change). */
  async calendar(): Promise<PeriodCalendar> {
    const first = (await this.plans())[0];
    if (!first) throw refusalAnswer(refuse('NoPlanPublished', 'No commission plan has been published yet'));
    return { periodLength: first.periodLength, timeZone: first.timeZone };
  }

  /** 400 naming `field` (where the request carried it) unless `period` names a period on the plans' calendar. */
  async requirePeriod(period: string, field = 'period'): Promise<void> {
    const calendar = await this.calendar();
    if (!isPeriodId(period, calendar.periodLength))
      throw badRequest([
        {
          field,
          problem: `must be a ${calendar.periodLength} such as ${calendar.periodLength === 'month' ? '2026-11' : '2026-Q4'}`,
        },
      ]);
  }

  /** The ledger's database once it has applied the whole log as it is now. */
  async settledLedger() {
    const head = await this.store.headPosition();
    await this.projections.reached(head);
    return { db: this.readModels.db, position: head };
  }

  /**
   * What a plan version taking effect at `plan.effectiveFrom` must leave alone: the latest
   * closed period (from its stream) and the latest accrual from the plan's first period on
   * (from the ledger once it has applied the whole log).
   */
  async decidedHistory(plan: CommissionPlan) {
    const periods = await loadState(this.store, COMMISSION_PERIODS_STREAM, commissionPeriodsDecider);
    const { db } = await this.settledLedger();
    const line = latestAccrualFrom(db, periodOf(plan.effectiveFrom, plan));
    const latestAccrual = line && {
      lineId: line.lineId,
      saleId: line.saleId,
      occurredAt: line.occurredAt,
      period: line.period,
    };
    return { closedThrough: periods.state.closedThrough, latestAccrual };
  }

  /**
   * Every payee's positive balance through `period`, from the ledger once it has applied the
   * whole log. A balance is an exact sum; a payout is one amount in an event, so a balance
   * beyond the safe integers (see Bounds in docs/commissions.md) is refused, never rounded.
   */
  async duePayouts(period: string) {
    const { db, position: head } = await this.settledLedger();
    // One read transaction: the balances and the ledger position they were read at agree even
    // while the ledger moves on; that position, never the log's head, is what the run records.
    const { read, due } = this.readModels.db.transaction(() => ({
      read: this.readModels.checkpoint(COMMISSION_LEDGER)?.position ?? 0n,
      due: payoutPreview(db, period),
    }))();
    // `settledLedger` also returns when the ledger has failed or stopped: never pay from a ledger short of the log.
    if (read < head) throw ledgerBehindLog(read, head);
    const payouts = due.map(({ payee, currency, due }) => {
      if (!isSafeSum(due))
        throw refusalAnswer(
          refuse('BalanceBeyondSafeRange', 'A balance is too large to pay out as one amount', {
            period,
            payee,
            currency,
            due: due.toString(),
            largestPayout: Number.MAX_SAFE_INTEGER,
          }),
        );
      return { payee, currency, amount: Number(due) };
    });
    return { ledgerPosition: read.toString(), payouts };
  }
}

export class PublishPlanRequest extends Command<CommissionPlan> {
  constructor(
    readonly body: unknown,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Publishes a plan version: 400 naming each invalid field; 409 when the version or its date
 * does not follow, or when a closed period or an accrued line falls on or after its effectiveFrom.
 */
@CommandHandler(PublishPlanRequest)
export class PublishPlanHandler implements ICommandHandler<PublishPlanRequest, CommissionPlan> {
  constructor(
    private readonly store: EventStore,
    private readonly books: CommissionBooks,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ body, actor }: PublishPlanRequest): Promise<CommissionPlan> {
    if (body === null || typeof body !== 'object' || Array.isArray(body))
      throw badRequest([{ field: 'body', problem: 'must be a JSON object: the plan version' }]);
    const parsed = parseCommissionPlan(body);
    if (!parsed.ok) throw badRequest(parsed.problems);
    const at = this.clock.now().toISOString();
    const decided = await this.books.decidedHistory(parsed.plan);
    const command = { type: 'PublishPlanVersion', plan: parsed.plan, at, decided } as const;
    const result = await handleCommand(
      this.store,
      PLAN_BOOK_STREAM,
      planBookDecider,
      command,
      this.contexts.for(actor),
    );
    if (isRefusal(result)) throw refusalAnswer(result);
    return parsed.plan;
  }
}

export class ListPlans extends Query<readonly CommissionPlan[]> {}

@QueryHandler(ListPlans)
export class ListPlansHandler implements IQueryHandler<ListPlans> {
  constructor(private readonly books: CommissionBooks) {}

  execute(): Promise<readonly CommissionPlan[]> {
    return this.books.plans();
  }
}

export class PostAdjustmentRequest extends Command<object> {
  constructor(
    readonly body: PostAdjustmentDto,
    readonly actor: Actor,
    readonly idempotencyKey: string | null = null,
  ) {
    super();
  }
}

/** A manual correction of a payee's balance, with its mandatory reason, posted to an open period. */
@CommandHandler(PostAdjustmentRequest)
export class PostAdjustmentHandler implements ICommandHandler<PostAdjustmentRequest, object> {
  constructor(
    private readonly store: EventStore,
    private readonly books: CommissionBooks,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_SOURCE) private readonly ids: IdSource,
  ) {}

  async execute({ body, actor, idempotencyKey }: PostAdjustmentRequest): Promise<object> {
    // A rep payee must be registered; partners are registered nowhere (a lead names one freely), so any id is taken.
    const unregistered = body.payeeKind === 'rep' ? await refuseUnregisteredRep(this.store, body.payeeId) : null;
    if (unregistered) throw refusalAnswer(unregistered, { badInput: { RepNotRegistered: 'payeeId' } });
    const at = this.clock.now().toISOString();
    // Under a key the id is the key's (per actor), so a resend meets the adjustment it already posted.
    const adjustmentId = idempotencyKey ? idFromSeed(`adjustment:${actor.id}:${idempotencyKey}`) : this.ids.next();
    const command = {
      type: 'AdjustCommission',
      adjustmentId,
      payee: { kind: body.payeeKind, id: body.payeeId },
      currency: body.currency,
      amount: body.amount,
      period: body.period ?? null,
      calendar: await this.books.calendar(),
      planCurrencies: currenciesOf(await this.books.plans()),
      reason: body.reason,
      reference: body.reference ?? null,
      at,
    } as const;
    const context = this.contexts.for(actor, { reason: body.reason, idempotencyKey });
    const result = await handleCommand(
      this.store,
      COMMISSION_PERIODS_STREAM,
      commissionPeriodsDecider,
      command,
      context,
    );
    if (isRefusal(result))
      throw refusalAnswer(result, {
        badInput: {
          InvalidPeriod: 'period',
          ReasonRequired: 'reason',
          InvalidAmount: 'amount',
          UnknownCurrency: 'currency',
          CurrencyNotInPlan: 'currency',
        },
      });
    const [adjusted] = result.events;
    if (adjusted) return adjusted.data;
    // Nothing written: the adjustment was already posted under this key; answer it as recorded.
    const recorded = recordedAdjustment(result.state, adjustmentId);
    if (!recorded) throw new Error(`Adjustment ${adjustmentId} decided nothing and is not recorded`);
    const fields = differingAdjustmentFields(recorded, command);
    if (fields.length > 0)
      throw refusalAnswer(
        refuse('IdempotencyKeyReused', 'This Idempotency-Key was used for a different adjustment', {
          adjustment: recorded,
          fields,
        }),
      );
    return recorded;
  }
}

export class PreviewPayout extends Query<object> {
  constructor(readonly period: string) {
    super();
  }
}

@QueryHandler(PreviewPayout)
export class PreviewPayoutHandler implements IQueryHandler<PreviewPayout> {
  constructor(private readonly books: CommissionBooks) {}

  async execute({ period }: PreviewPayout) {
    await this.books.requirePeriod(period);
    const { db } = await this.books.settledLedger();
    const run = payoutRunClosing(db, period);
    if (run)
      throw refusalAnswer(
        refuse('PeriodClosed', `${period} was closed by the payout run ${run.payoutRunId}; read it there`, {
          period,
          closedThrough: ledgerClosedThrough(db),
          payoutRunId: run.payoutRunId,
          payoutRun: `/payout-runs/${run.period}`,
        }),
      );
    return { period, ...(await this.books.duePayouts(period)) };
  }
}

export class RunPayoutRequest extends Command<object> {
  constructor(
    readonly period: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * Pays every payee's positive due balance through the period and closes it, from the
 * ledger as it stands once it has applied the whole log; a second run is 409.
 */
@CommandHandler(RunPayoutRequest)
export class RunPayoutHandler implements ICommandHandler<RunPayoutRequest, object> {
  constructor(
    private readonly store: EventStore,
    private readonly books: CommissionBooks,
    private readonly contexts: RequestContexts,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ period, actor }: RunPayoutRequest): Promise<object> {
    const calendar = await this.books.calendar();
    const { ledgerPosition, payouts } = await this.books.duePayouts(period);
    const command = {
      type: 'RunPayout',
      payoutRunId: `payout-${period}`,
      period,
      calendar,
      payouts,
      ledgerPosition,
      at: this.clock.now().toISOString(),
    } as const;
    const context = this.contexts.for(actor);
    const result = await handleCommand(
      this.store,
      COMMISSION_PERIODS_STREAM,
      commissionPeriodsDecider,
      command,
      context,
    );
    if (isRefusal(result)) throw refusalAnswer(result, { badInput: { InvalidPeriod: 'period' } });
    const closed = result.events.at(-1)?.data ?? {};
    // The run as GET /payout-runs/:period shows it (each payment and what it settled). The run is
    // written: if the read models cannot show it now, the event's own summary still answers 201.
    const detail = await this.books.settledLedger().then(
      ({ db }) => payoutRunOf(db, period),
      () => null,
    );
    return detail ?? closed;
  }
}

export class GetStatement extends Query<LedgerStatement> {
  constructor(
    readonly payee: Payee,
    readonly period: string,
    readonly actor: Actor,
  ) {
    super();
  }
}

/**
 * A payee's statement; a rep sees only their own. 404 for a payee nobody knows: a rep not
 * registered and never paid, a partner the ledger has never posted a line to.
 */
@QueryHandler(GetStatement)
export class GetStatementHandler implements IQueryHandler<GetStatement, LedgerStatement> {
  constructor(private readonly books: CommissionBooks) {}

  async execute({ payee, period, actor }: GetStatement): Promise<LedgerStatement> {
    if (actor.role === 'rep' && (payee.kind !== 'rep' || actor.repId !== payee.id))
      throw new ForbiddenException('A rep sees only their own statement');
    await this.books.requirePeriod(period);
    const { db } = await this.books.settledLedger();
    const registered = payee.kind === 'rep' && getRep(db, payee.id) !== null;
    if (!registered && !ledgerKnowsPayee(db, payee)) throw new NotFoundError(payee.kind, payee.id);
    return financeStatement(db, payee, period);
  }
}

export class GetReconciliation extends Query<Reconciliation> {
  constructor(readonly period: string) {
    super();
  }
}

/** The ledger, once it has applied the whole log, beside the control advanced to the same position. */
@QueryHandler(GetReconciliation)
export class GetReconciliationHandler implements IQueryHandler<GetReconciliation, Reconciliation> {
  constructor(
    private readonly books: CommissionBooks,
    private readonly control: ReconciliationControl,
  ) {}

  async execute({ period }: GetReconciliation): Promise<Reconciliation> {
    await this.books.requirePeriod(period);
    await this.books.settledLedger();
    return this.control.reconcile(period);
  }
}
