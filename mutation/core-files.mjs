/**
 * The files mutation testing covers, by lib: the commission engine, money, the deciders and
 * their evolve (state) files, the ledger engine and reconciliation, the plan book and the pure
 * rules beside them (periods, back-dating, identity keys and their normalisation, the shared
 * pool, lead routing and its replay, the routing and plan what-ifs, timelines, the line replay, the
 * webhook subscription's decider). Each lib's files are mutated against that lib's own specs.
 * worked-examples.ts and ledger.fixtures.ts are test support (they build the logs the specs and
 * docs/commissions.md use) and are not mutated; files of types and constants only are left out.
 */
export const CORE_FILES = {
  commissions: [
    'libs/commissions/src/engine/*.ts',
    '!libs/commissions/src/engine/*.spec.ts',
    '!libs/commissions/src/engine/ledger.fixtures.ts',
    '!libs/commissions/src/engine/worked-examples.ts',
    'libs/commissions/src/periods/commission-periods.decider.ts',
    'libs/commissions/src/periods/effective-at.ts',
    'libs/commissions/src/periods/adjustment-request-comparison.ts',
    'libs/commissions/src/plan/plan-book.decider.ts',
    'libs/commissions/src/plan/commission-periods.ts',
    'libs/commissions/src/plan/plan-json-schema.ts',
    'libs/commissions/src/plan/plan-validation.ts',
    'libs/commissions/src/replay/*.ts',
    '!libs/commissions/src/replay/*.spec.ts',
    '!libs/commissions/src/replay/line-replay.fixtures.ts',
    'libs/commissions/src/what-if/plan-what-if.ts',
    'libs/commissions/src/what-if/plan-what-if.types.ts',
  ],
  kernel: [
    'libs/kernel/src/money.ts',
    'libs/kernel/src/decision.ts',
    'libs/kernel/src/ids.ts',
    'libs/kernel/src/time-zone.ts',
    'libs/kernel/src/clock.ts',
    'libs/kernel/src/errors.ts',
  ],
  customers: [
    'libs/customers/src/customer/customer.decider.ts',
    'libs/customers/src/customer/customer.state.ts',
    'libs/customers/src/customer/ownership-history.ts',
    'libs/customers/src/customer/business-time.ts',
    'libs/customers/src/identity/identity-key.decider.ts',
    'libs/customers/src/identity/identity-key.ts',
    'libs/customers/src/identity/normalization.ts',
    'libs/customers/src/identity/normalize-*.ts',
    '!libs/customers/src/identity/*.spec.ts',
    'libs/customers/src/shared-pool/shared-pool.decider.ts',
    'libs/customers/src/shared-pool/start-of-business-day.ts',
  ],
  disputes: [
    'libs/disputes/src/dispute/dispute.decider.ts',
    'libs/disputes/src/dispute/dispute.state.ts',
    'libs/disputes/src/remedy/resolve-dispute.workflow.ts',
  ],
  feed: ['libs/feed/src/subscriptions/webhook-subscription.decider.ts'],
  leads: [
    'libs/leads/src/lead/lead.decider.ts',
    'libs/leads/src/lead/lead.state.ts',
    'libs/leads/src/lead/assignment-explanation.ts',
    'libs/leads/src/lead/lead-routing-rules.ts',
    'libs/leads/src/lead/route-replay.ts',
    'libs/leads/src/lead/lead-request-comparison.ts',
    'libs/leads/src/rep/rep.decider.ts',
  ],
  auth: [
    'libs/auth/src/api-keys/api-key.decider.ts',
    'libs/auth/src/admin-bootstrap/admin-bootstrap.decider.ts',
    'libs/auth/src/roles.ts',
  ],
  routing: [
    'libs/routing/src/pool/pool.decider.ts',
    'libs/routing/src/pool/pool-routing.ts',
    'libs/routing/src/pool/pool.state.ts',
    'libs/routing/src/pool/routed-leads.ts',
    'libs/routing/src/pool/pool.snapshot.ts',
    'libs/routing/src/pool/pool-view.ts',
    'libs/routing/src/pool/fairness-report.ts',
    'libs/routing/src/pool/assignment-replay.ts',
    'libs/routing/src/smooth-weighted-round-robin.ts',
    'libs/routing/src/least-assigned.ts',
    'libs/routing/src/what-if/routing-what-if.ts',
    'libs/routing/src/what-if/what-if-overlay.ts',
  ],
  sales: ['libs/sales/src/sale/sale.decider.ts', 'libs/sales/src/sale/sale.state.ts'],
  timelines: [
    'libs/timelines/src/as-of.ts',
    'libs/timelines/src/*-sentences.ts',
    'libs/timelines/src/describe-event.ts',
    'libs/timelines/src/customer-timeline.ts',
    'libs/timelines/src/lead-timeline.ts',
    'libs/timelines/src/timeline-entry.ts',
    'libs/timelines/src/replay/*.ts',
    '!libs/timelines/src/replay/*.spec.ts',
  ],
};

/**
 * The read models of the domain libs (SQL projections and their queries): mutated with the
 * read-model specs taken in (MUTATION_READ_MODELS=1), in a run of their own per lib.
 */
export const READ_MODEL_FILES = {
  commissions: [
    'libs/commissions/src/read-models/*.ts',
    '!libs/commissions/src/read-models/*.spec.ts',
    'libs/commissions/src/what-if/period-sales.query.ts',
  ],
  customers: ['libs/customers/src/read-models/*.ts', '!libs/customers/src/read-models/*.spec.ts'],
  disputes: ['libs/disputes/src/read-models/*.ts', '!libs/disputes/src/read-models/*.spec.ts'],
  leads: ['libs/leads/src/read-models/*.ts', '!libs/leads/src/read-models/*.spec.ts'],
  routing: ['libs/routing/src/read-models/*.ts', '!libs/routing/src/read-models/*.spec.ts'],
  timelines: ['libs/timelines/src/timeline-index.projection.ts', 'libs/timelines/src/timeline-index.query.ts'],
};

/** A file (or `file:lines`) of a read model: under read-models/, or a projection or query. */
export const isReadModel = (file) => /\/read-models\/|\.(projection|query)\.ts(:|$)/.test(file);

/** `libs/<lib>/...` -> `<lib>`; null for a path outside libs/. */
export const libOf = (file) => /^!?libs\/([^/]+)\//.exec(file)?.[1] ?? null;
