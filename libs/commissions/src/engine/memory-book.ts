import type { MinorUnits } from '@leadledger/kernel';
import type { CommissionPlan } from '../plan/commission-plan';
import type { CustomerFacts, LeadFacts } from './attribution';
import type { CommissionBook, SaleBook } from './commission-book';
import type { LedgerLine } from './ledger-line';

/**
 * The ledger's memory in maps: the control total's independent replay, and property tests.
 * Posted lines are kept in `lines` unless `postLines` takes them elsewhere (the cached
 * control keeps only their sums, so its memory does not grow with every line).
 */
export class MemoryBook implements CommissionBook {
  private readonly planList: CommissionPlan[] = [];
  private readonly customers = new Map<string, CustomerFacts>();
  private readonly leads = new Map<string, LeadFacts>();
  private readonly sales = new Map<string, SaleBook>();
  private readonly tiers = new Map<string, MinorUnits>();
  private closed: string | null = null;
  readonly lines: LedgerLine[] = [];

  constructor(private readonly postLines?: (lines: readonly LedgerLine[]) => void) {}

  plans = (): readonly CommissionPlan[] => this.planList;
  addPlan = (plan: CommissionPlan): void => void this.planList.push(plan);
  customer = (id: string): CustomerFacts | null => this.customers.get(id) ?? null;
  putCustomer = (facts: CustomerFacts): void => void this.customers.set(facts.customerId, facts);
  lead = (id: string): LeadFacts | null => this.leads.get(id) ?? null;
  putLead = (facts: LeadFacts): void => void this.leads.set(facts.leadId, facts);
  sale = (id: string): SaleBook | null => this.sales.get(id) ?? null;
  putSale = (book: SaleBook): void => void this.sales.set(book.sale.saleId, book);
  tierBase = (repId: string, period: string, currency: string): MinorUnits =>
    this.tiers.get(`${repId}|${period}|${currency}`) ?? 0;
  setTierBase = (repId: string, period: string, currency: string, base: MinorUnits): void =>
    void this.tiers.set(`${repId}|${period}|${currency}`, base);
  closedThrough = (): string | null => this.closed;
  setClosedThrough = (period: string): void => void (this.closed = period);
  addLines = (lines: readonly LedgerLine[]): void =>
    this.postLines ? this.postLines(lines) : void this.lines.push(...lines);
}
