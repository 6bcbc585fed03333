import {
  PLAN_BOOK_STREAM,
  type PeriodSale,
  type PlanWhatIfResult,
  isPeriodId,
  parseCommissionPlan,
  periodBounds,
  planBookDecider,
  planWhatIf,
  salesClosedIn,
} from '@leadledger/commissions';
import { EventStore, loadState, turnOfEventLoop } from '@leadledger/event-store';
import { NotFoundError } from '@leadledger/kernel';
import { ProjectionRunner, ReadModelDatabase } from '@leadledger/projections';
import { saleStreamId } from '@leadledger/sales';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type FieldProblem, badRequest } from '../http/validation';
import { MAX_PERIOD_SALES } from './what-if.dto';

export interface PlanWhatIfAnswer extends PlanWhatIfResult {
  readonly period: string;
  /** The period's first instant and the next period's, on the draft's calendar. */
  readonly from: string;
  readonly to: string;
  readonly draft: { readonly planId: string; readonly version: number; readonly currency: string };
  /** The global position the sales were read up to (decimal string). */
  readonly position: string;
}

export class RunPlanWhatIf extends Query<PlanWhatIfAnswer> {
  constructor(readonly body: unknown) {
    super();
  }
}

const FIELDS = ['period', 'plan'];
/** Sales read between releases of the event loop. */
const SLICE = 200;

/** The body's problems, each naming its field; the draft is checked exactly as publishing checks a plan. */
function parseBody(body: unknown) {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest([{ field: 'body', problem: 'must be a JSON object: { period, plan }' }]);
  const input = body as Record<string, unknown>;
  const problems: FieldProblem[] = Object.keys(input)
    .filter((key) => !FIELDS.includes(key))
    .map((key) => ({ field: key, problem: `property ${key} should not exist` }));
  if (typeof input.period !== 'string')
    problems.push({ field: 'period', problem: 'required: a period such as 2026-03 (month) or 2026-Q1 (quarter)' });
  const parsed = input.plan === undefined ? null : parseCommissionPlan(input.plan);
  if (!parsed)
    problems.push({ field: 'plan', problem: 'required: the draft plan version, as POST /commission-plans takes it' });
  else if (!parsed.ok)
    problems.push(...parsed.problems.map(({ field, problem }) => ({ field: `plan.${field}`, problem })));
  if (problems.length > 0 || !parsed?.ok) throw badRequest(problems);
  const period = input.period as string;
  const draft = parsed.plan;
  if (!isPeriodId(period, draft.periodLength))
    throw badRequest([
      {
        field: 'period',
        problem: `must be a ${draft.periodLength} of the draft's calendar, such as ${draft.periodLength === 'month' ? '2026-03' : '2026-Q1'}`,
      },
    ]);
  return { period, draft };
}

/**
 * A draft plan version over a past period's sales, read-only: the draft is validated as a
 * publication would be but never appended; the period's sales come from the sale-attribution
 * read model (by its closedAt index) and their own streams, and are replayed by the ledger
 * engine in scratch memory books. The cost is the period's sales and their events.
 */
@QueryHandler(RunPlanWhatIf)
export class PlanWhatIfHandler implements IQueryHandler<RunPlanWhatIf, PlanWhatIfAnswer> {
  constructor(
    private readonly store: EventStore,
    private readonly readModels: ReadModelDatabase,
    private readonly projections: ProjectionRunner,
  ) {}

  async execute({ body }: RunPlanWhatIf): Promise<PlanWhatIfAnswer> {
    const { period, draft } = parseBody(body);
    const published = (await loadState(this.store, PLAN_BOOK_STREAM, planBookDecider)).state.plans;
    const { from, to } = periodBounds(period, draft);
    const first = published[0];
    // Before the first published version nothing was paid: there is no actual to compare with.
    if (!first || Date.parse(to) <= Date.parse(first.effectiveFrom))
      throw new NotFoundError('commission period with a published plan', period);
    const head = await this.store.headPosition();
    await this.projections.reached(head);
    const rows = salesClosedIn(this.readModels.db, from, to, MAX_PERIOD_SALES + 1);
    if (rows.length > MAX_PERIOD_SALES)
      throw badRequest([
        {
          field: 'period',
          problem: `the period has more than ${MAX_PERIOD_SALES} sales; the what-if compares at most that many`,
        },
      ]);
    const sales: PeriodSale[] = [];
    for (const [i, { sale, attribution }] of rows.entries()) {
      const events = await this.store.readStream(saleStreamId(sale.saleId));
      sales.push({ attribution, events: events.filter((event) => event.position <= head) });
      if (i % SLICE === SLICE - 1) await turnOfEventLoop();
    }
    const result = planWhatIf(draft, published, sales);
    const { planId, version, currency } = draft;
    return { period, from, to, draft: { planId, version, currency }, position: head.toString(), ...result };
  }
}
