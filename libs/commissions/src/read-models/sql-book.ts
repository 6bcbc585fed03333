import type { MinorUnits } from '@leadledger/kernel';
import type { ReadModelConnection } from '@leadledger/projections';
import type { CustomerFacts, LeadFacts } from '../engine/attribution';
import type { CommissionBook, FactsBook, SaleBook } from '../engine/commission-book';
import type { LedgerLine } from '../engine/ledger-line';
import type { CommissionPlan } from '../plan/commission-plan';

/** The facts tables of one projection, named with its prefix so two projections never share a table. */
export const factTables = (prefix: string): string[] => [`${prefix}_plans`, `${prefix}_customers`, `${prefix}_leads`];

export function createFactTables(db: ReadModelConnection, prefix: string): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS ${prefix}_plans (seq INTEGER PRIMARY KEY, plan_id TEXT NOT NULL, version INTEGER NOT NULL, json TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${prefix}_customers (customer_id TEXT PRIMARY KEY, json TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ${prefix}_leads (lead_id TEXT PRIMARY KEY, json TEXT NOT NULL);
  `);
}

/** A rep's tier base at a point of the log, and the position of the event that set it (null: nothing yet). */
export interface TierBaseAt {
  readonly base: MinorUnits;
  readonly setAt: string | null;
}

const parsed = <T>(row: unknown): T | null => (row ? (JSON.parse((row as { json: string }).json) as T) : null);

/** Customer and lead facts put during one batch of events, each written once at its end. */
interface PendingFacts {
  readonly customers: Map<string, CustomerFacts>;
  readonly leads: Map<string, LeadFacts>;
}

/** Attribution facts kept as JSON rows in the projection's own tables. */
export class SqlFactsBook implements FactsBook {
  private pending: PendingFacts | null = null;

  constructor(
    protected readonly db: ReadModelConnection,
    protected readonly prefix: string,
  ) {}

  /**
   * Runs `apply` over a batch of events with the customer and lead facts it puts held here and
   * each written once at the end: a customer registered and then assigned in one batch is one
   * row write instead of a write, a read and a write again. If `apply` throws, nothing is written
   * (the batch's transaction is rolled back and retried event by event anyway).
   */
  inBatch(apply: () => void): void {
    const pending: PendingFacts = { customers: new Map(), leads: new Map() };
    this.pending = pending;
    try {
      apply();
    } finally {
      this.pending = null;
    }
    for (const facts of pending.customers.values()) this.writeCustomer(facts);
    for (const facts of pending.leads.values()) this.writeLead(facts);
  }

  plans(): readonly CommissionPlan[] {
    const rows = this.db.prepare(`SELECT json FROM ${this.prefix}_plans ORDER BY seq`).all() as { json: string }[];
    return rows.map((r) => JSON.parse(r.json) as CommissionPlan);
  }
  addPlan(plan: CommissionPlan): void {
    this.db
      .prepare(`INSERT INTO ${this.prefix}_plans (plan_id, version, json) VALUES (?, ?, ?)`)
      .run(plan.planId, plan.version, JSON.stringify(plan));
  }
  customer(customerId: string): CustomerFacts | null {
    const held = this.pending?.customers.get(customerId);
    if (held) return held;
    return parsed(this.db.prepare(`SELECT json FROM ${this.prefix}_customers WHERE customer_id = ?`).get(customerId));
  }
  putCustomer(facts: CustomerFacts): void {
    if (this.pending) this.pending.customers.set(facts.customerId, facts);
    else this.writeCustomer(facts);
  }
  lead(leadId: string): LeadFacts | null {
    const held = this.pending?.leads.get(leadId);
    if (held) return held;
    return parsed(this.db.prepare(`SELECT json FROM ${this.prefix}_leads WHERE lead_id = ?`).get(leadId));
  }
  putLead(facts: LeadFacts): void {
    if (this.pending) this.pending.leads.set(facts.leadId, facts);
    else this.writeLead(facts);
  }

  private writeCustomer(facts: CustomerFacts): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO ${this.prefix}_customers (customer_id, json) VALUES (?, ?)`)
      .run(facts.customerId, JSON.stringify(facts));
  }
  private writeLead(facts: LeadFacts): void {
    this.db
      .prepare(`INSERT OR REPLACE INTO ${this.prefix}_leads (lead_id, json) VALUES (?, ?)`)
      .run(facts.leadId, JSON.stringify(facts));
  }
}

export const LEDGER_TABLES = [
  ...factTables('ledger'),
  'ledger_sales',
  'ledger_tiers',
  'ledger_tier_history',
  'ledger_state',
  'ledger_lines',
  'ledger_balances',
] as const;

export function createLedgerTables(db: ReadModelConnection): void {
  createFactTables(db, 'ledger');
  db.exec(`
    CREATE TABLE IF NOT EXISTS ledger_sales (sale_id TEXT PRIMARY KEY, json TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ledger_tiers (
      rep_id TEXT NOT NULL, period TEXT NOT NULL, currency TEXT NOT NULL, base INTEGER NOT NULL,
      PRIMARY KEY (rep_id, period, currency)
    );
    -- Every value ledger_tiers took, by the position of the event that set it: a line replay
    -- reads the base a rep had before any event in one indexed lookup, exact even where a
    -- credit posted no line (a 0% rate, a reached cap, a finder taking it all).
    CREATE TABLE IF NOT EXISTS ledger_tier_history (
      rep_id TEXT NOT NULL, period TEXT NOT NULL, currency TEXT NOT NULL, position INTEGER NOT NULL, base INTEGER NOT NULL,
      PRIMARY KEY (rep_id, period, currency, position)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS ledger_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS ledger_lines (
      seq        INTEGER PRIMARY KEY,
      line_id    TEXT NOT NULL UNIQUE,
      payee_kind TEXT NOT NULL,
      payee_id   TEXT NOT NULL,
      kind       TEXT NOT NULL,
      period     TEXT NOT NULL,
      currency   TEXT NOT NULL,
      amount     INTEGER NOT NULL,
      sale_id    TEXT,
      json       TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ledger_lines_by_payee ON ledger_lines (payee_kind, payee_id, period);
    CREATE INDEX IF NOT EXISTS ledger_lines_by_period ON ledger_lines (period);
    CREATE INDEX IF NOT EXISTS ledger_lines_by_sale ON ledger_lines (sale_id);
    -- The lines' sums per payee, currency, period and kind, kept with the lines: a period's
    -- statement totals read these few rows instead of every line since the first sale.
    -- Keyed by period first, so "through a period" is one range of the key.
    CREATE TABLE IF NOT EXISTS ledger_balances (
      period     TEXT NOT NULL,
      payee_kind TEXT NOT NULL,
      payee_id   TEXT NOT NULL,
      currency   TEXT NOT NULL,
      kind       TEXT NOT NULL,
      amount     INTEGER NOT NULL,
      PRIMARY KEY (period, payee_kind, payee_id, currency, kind)
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS ledger_balances_by_payee ON ledger_balances (payee_kind, payee_id, period);
  `);
}

/** The whole ledger memory in SQLite: the commission-ledger projection's storage. */
export class SqlCommissionBook extends SqlFactsBook implements CommissionBook {
  constructor(db: ReadModelConnection) {
    super(db, 'ledger');
  }

  sale(saleId: string): SaleBook | null {
    return parsed(this.db.prepare('SELECT json FROM ledger_sales WHERE sale_id = ?').get(saleId));
  }
  putSale(book: SaleBook): void {
    this.db
      .prepare('INSERT OR REPLACE INTO ledger_sales (sale_id, json) VALUES (?, ?)')
      .run(book.sale.saleId, JSON.stringify(book));
  }
  tierBase(repId: string, period: string, currency: string): MinorUnits {
    const row = this.db
      .prepare('SELECT base FROM ledger_tiers WHERE rep_id = ? AND period = ? AND currency = ?')
      .get(repId, period, currency) as { base: number } | undefined;
    return row?.base ?? 0;
  }
  setTierBase(repId: string, period: string, currency: string, base: MinorUnits, position: bigint): void {
    this.db
      .prepare('INSERT OR REPLACE INTO ledger_tiers (rep_id, period, currency, base) VALUES (?, ?, ?, ?)')
      .run(repId, period, currency, base);
    this.db
      .prepare(
        'INSERT OR REPLACE INTO ledger_tier_history (rep_id, period, currency, position, base) VALUES (?, ?, ?, ?, ?)',
      )
      .run(repId, period, currency, position, base);
  }
  /** The base as it stood before the event at `before`, and the position of the event that last set it. */
  tierBaseBefore(repId: string, period: string, currency: string, before: bigint): TierBaseAt {
    const row = this.db
      .prepare(
        `SELECT base, position FROM ledger_tier_history WHERE rep_id = ? AND period = ? AND currency = ? AND position < ?
          ORDER BY position DESC LIMIT 1`,
      )
      .safeIntegers(true)
      .get(repId, period, currency, before) as { base: bigint; position: bigint } | undefined;
    return row ? { base: Number(row.base), setAt: row.position.toString() } : { base: 0, setAt: null };
  }
  closedThrough(): string | null {
    const row = this.db.prepare("SELECT value FROM ledger_state WHERE key = 'closed_through'").get() as
      { value: string } | undefined;
    return row?.value ?? null;
  }
  setClosedThrough(period: string): void {
    this.db.prepare("INSERT OR REPLACE INTO ledger_state (key, value) VALUES ('closed_through', ?)").run(period);
  }
  addLines(lines: readonly LedgerLine[]): void {
    const insert = this.db.prepare(
      `INSERT INTO ledger_lines (line_id, payee_kind, payee_id, kind, period, currency, amount, sale_id, json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // SQLite sums integers exactly in 64 bits and silently turns one that overflows into a
    // float: that would be a rounded balance, so the projection stops instead (see Bounds in
    // docs/commissions.md: it takes over 92,000 lines at the largest amount in one sum).
    const sum = this.db.prepare(
      `INSERT INTO ledger_balances (period, payee_kind, payee_id, currency, kind, amount) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (period, payee_kind, payee_id, currency, kind) DO UPDATE SET amount = amount + excluded.amount
       RETURNING typeof(amount) AS type`,
    );
    for (const l of lines) {
      const { type } = sum.get(l.period, l.payee.kind, l.payee.id, l.currency, l.kind, l.amount) as { type: string };
      if (type !== 'integer')
        throw new RangeError(`The ${l.kind} sum of ${l.payee.kind} ${l.payee.id} in ${l.period} left 64-bit integers`);
      insert.run(
        l.lineId,
        l.payee.kind,
        l.payee.id,
        l.kind,
        l.period,
        l.currency,
        l.amount,
        l.saleId,
        JSON.stringify(l),
      );
    }
    this.keepLatestAccrual(lines);
  }

  /** The accrual with the latest business time so far, kept as it is posted: a plan dated in the past reads it alone. */
  latestAccrual(): LedgerLine | null {
    return parsed(this.db.prepare("SELECT value AS json FROM ledger_state WHERE key = 'latest_accrual'").get());
  }
  private keepLatestAccrual(lines: readonly LedgerLine[]): void {
    let latest = this.latestAccrual();
    const before = latest;
    for (const line of lines) {
      if (line.kind === 'accrual' && (latest === null || Date.parse(line.occurredAt) > Date.parse(latest.occurredAt)))
        latest = line;
    }
    // Writing back an unchanged latest accrual (or `null`, read back as null) changes no answer of
    // the ledger's queries: the guard only saves the write, and its mutant to `true` is equivalent.
    if (latest !== before)
      this.db
        .prepare("INSERT OR REPLACE INTO ledger_state (key, value) VALUES ('latest_accrual', ?)")
        .run(JSON.stringify(latest));
  }
}
