/**
 * The files mutation testing covers, by lib: the commission engine, money, the deciders and
 * their evolve (state) files, the ledger engine and reconciliation, the plan book and the pure
 * rules beside them (periods, back-dating, identity keys and their normalisation, the shared
 * pool, lead routing and its replay). Each lib's files are mutated against that lib's own specs.
 * worked-examples.ts and ledger.fixtures.ts are test support (they build the logs the specs and
 * docs/commissions.md use) and are not mutated. docs/testing.md lists the domain files not run yet.
 */
export const CORE_FILES = {
  commissions: [
    'libs/commissions/src/engine/*.ts',
    '!libs/commissions/src/engine/*.spec.ts',
    '!libs/commissions/src/engine/ledger.fixtures.ts',
    '!libs/commissions/src/engine/worked-examples.ts',
    'libs/commissions/src/periods/commission-periods.decider.ts',
    'libs/commissions/src/periods/effective-at.ts',
    'libs/commissions/src/plan/plan-book.decider.ts',
    'libs/commissions/src/plan/commission-periods.ts',
  ],
  kernel: [
    'libs/kernel/src/money.ts',
    'libs/kernel/src/decision.ts',
    'libs/kernel/src/ids.ts',
    'libs/kernel/src/time-zone.ts',
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
  disputes: ['libs/disputes/src/dispute/dispute.decider.ts', 'libs/disputes/src/dispute/dispute.state.ts'],
  leads: [
    'libs/leads/src/lead/lead.decider.ts',
    'libs/leads/src/lead/lead.state.ts',
    'libs/leads/src/lead/assignment-explanation.ts',
    'libs/leads/src/lead/lead-routing-rules.ts',
    'libs/leads/src/lead/route-replay.ts',
    'libs/leads/src/lead/lead-request-comparison.ts',
    'libs/leads/src/rep/rep.decider.ts',
  ],
  auth: ['libs/auth/src/api-keys/api-key.decider.ts', 'libs/auth/src/admin-bootstrap/admin-bootstrap.decider.ts'],
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
  ],
  sales: ['libs/sales/src/sale/sale.decider.ts', 'libs/sales/src/sale/sale.state.ts'],
};

/** `libs/<lib>/...` -> `<lib>`; null for a path outside libs/. */
export const libOf = (file) => /^!?libs\/([^/]+)\//.exec(file)?.[1] ?? null;
