/**
 * The files mutation testing covers, by lib: the commission engine, money, the deciders,
 * the ledger engine and reconciliation. Each lib's files are mutated against that lib's
 * own specs. worked-examples.ts and ledger.fixtures.ts are test support (they build the
 * logs the specs and docs/commissions.md use) and are not mutated.
 */
export const CORE_FILES = {
  commissions: [
    'libs/commissions/src/engine/*.ts',
    '!libs/commissions/src/engine/*.spec.ts',
    '!libs/commissions/src/engine/ledger.fixtures.ts',
    '!libs/commissions/src/engine/worked-examples.ts',
    'libs/commissions/src/periods/commission-periods.decider.ts',
  ],
  kernel: ['libs/kernel/src/money.ts'],
  customers: ['libs/customers/src/customer/customer.decider.ts'],
  leads: ['libs/leads/src/lead/lead.decider.ts'],
  routing: ['libs/routing/src/pool/pool.decider.ts', 'libs/routing/src/pool/pool-routing.ts'],
  sales: ['libs/sales/src/sale/sale.decider.ts'],
};

/** `libs/<lib>/...` -> `<lib>`; null for a path outside libs/. */
export const libOf = (file) => /^!?libs\/([^/]+)\//.exec(file)?.[1] ?? null;
