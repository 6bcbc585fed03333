import type { StoredEvent } from '@leadledger/event-store';
import type { MinorUnits } from '@leadledger/kernel';
import type { SaleRecorded } from '@leadledger/sales';
import type { CustomerFacts, LeadFacts } from '../engine/attribution';
import type { CommissionBook, SaleBook } from '../engine/commission-book';
import { attributeRecordedSale } from '../engine/commission-facts';
import { applyToLedger } from '../engine/ledger-engine';
import type { LedgerLine } from '../engine/ledger-line';
import { MemoryBook } from '../engine/memory-book';
import type { CommissionPlan } from '../plan/commission-plan';

/** Events of several streams, each once, in the order the log has them. */
export function inLogOrder(events: readonly StoredEvent[]): StoredEvent[] {
  const byId = new Map(events.map((e) => [e.id, e]));
  // Distinct events have distinct positions, so `<=` for `<` is equivalent; V8's sort only asks whether the
  // comparison is below 0, so the mutants of the second comparison survive too (it stays: the language asks
  // for a consistent comparator).
  return [...byId.values()].sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}

/**
 * The ledger's memory for a replay scoped to one sale: facts, the sale and closed periods in
 * maps, as MemoryBook keeps them; the tier base asked of `readTier` (at the position of the event
 * being applied, `at`). Lines are returned, not kept.
 */
export class ScopedBook implements CommissionBook {
  private readonly memory = new MemoryBook();
  at = 0n;

  constructor(private readonly readTier: (repId: string, period: string, currency: string) => MinorUnits) {}

  /** Applies one event as the engine does, at its position; returns the lines it posts. */
  apply(event: StoredEvent): readonly LedgerLine[] {
    this.at = event.position;
    return applyToLedger(this, event);
  }

  /**
   * Another sale of the customer (a SaleRecorded not of `saleId`): only its closedAt matters,
   * as the customer's first sale. True when it was one the engine attributes.
   */
  otherSale(event: StoredEvent, saleId: string | null): boolean {
    if (event.type !== 'SaleRecorded' || event.data.saleId === saleId) return false;
    this.at = event.position;
    attributeRecordedSale(this, event.data as unknown as SaleRecorded['data']);
    return true;
  }

  plans = (): readonly CommissionPlan[] => this.memory.plans();
  addPlan = (plan: CommissionPlan): void => this.memory.addPlan(plan);
  customer = (id: string) => this.memory.customer(id);
  putCustomer = (facts: CustomerFacts): void => this.memory.putCustomer(facts);
  lead = (id: string) => this.memory.lead(id);
  putLead = (facts: LeadFacts): void => this.memory.putLead(facts);
  sale = (id: string) => this.memory.sale(id);
  putSale = (book: SaleBook): void => this.memory.putSale(book);
  tierBase = (repId: string, period: string, currency: string): MinorUnits => this.readTier(repId, period, currency);
  // The replay reads each base from the ledger's history before the event; what it sets is not read back.
  setTierBase = (): void => undefined;
  closedThrough = (): string | null => this.memory.closedThrough();
  setClosedThrough = (period: string): void => this.memory.setClosedThrough(period);
  addLines = (): void => undefined;
}
