import type { StoredEvent } from '@leadledger/event-store';
import type { MinorUnits } from '@leadledger/kernel';
import type { CustomerFacts, LeadFacts } from '../engine/attribution';
import type { SaleBook } from '../engine/commission-book';
import type { LedgerLine } from '../engine/ledger-line';
import { type LineDifference, compareLines } from './line-differences';
import { type ReplayStep, replaySteps } from './line-steps';
import { ScopedBook, inLogOrder } from './scoped-book';

/** One payee's credited base in a period before an event, as the replay read it (tiers cut on it). */
export interface TierBaseReading {
  readonly repId: string;
  readonly period: string;
  readonly currency: string;
  /** Credited before the event at `beforePosition`. */
  readonly base: MinorUnits;
  readonly beforePosition: string;
  /**
   * The position of the event that last set it (null: nothing credited in the period before).
   * From the ledger read model's tier history, which keeps every value the running total took.
   */
  readonly setAtPosition: string | null;
  /** The rep's whole credited base in the period so far, by the ledger's running total. */
  readonly creditedInPeriod: MinorUnits;
}

/** The payee's credited base in a period before the event at `before` (a global position). */
export type TierBaseSource = (repId: string, period: string, currency: string, before: bigint) => TierBaseReading;

export interface LineReplayInput {
  /** The line as the ledger posted it. */
  readonly recorded: LedgerLine;
  /**
   * Events of the streams that decide the line, in any order (they are replayed by position):
   * the plan book, the customer's stream, the LeadReceived of the sale's and the customer's first
   * lead, the SaleRecorded of the customer's other sales, the commission-periods events, and the
   * sale's own events. Events after the line's source are not used.
   */
  readonly events: readonly StoredEvent[];
  readonly tierBase: TierBaseSource;
}

export interface LineReplay {
  readonly lineId: string;
  readonly recorded: LedgerLine;
  /** The line as the engine posts it again from the inputs; null when the replay posts no such line. */
  readonly replayed: LedgerLine | null;
  readonly identical: boolean;
  readonly differences: readonly LineDifference[];
  /** The arithmetic, one step at a time, from the replay. */
  readonly steps: readonly ReplayStep[];
  readonly inputs: LineReplayInputs;
}

export interface LineReplayInputs {
  readonly sourceEvent: { readonly id: string; readonly type: string; readonly position: string } | null;
  readonly plan: { readonly planId: string; readonly version: number; readonly effectiveFrom: string } | null;
  readonly customer: Pick<CustomerFacts, 'customerId' | 'finderRepId' | 'firstLeadChannel' | 'firstSaleAt'> | null;
  readonly leads: readonly LeadFacts[];
  /** The sale's own events replayed, up to and including the source event. */
  readonly saleEvents: readonly { readonly id: string; readonly type: string; readonly position: string }[];
  /** The customer's other sales recorded before this one (their closedAt decides the first sale). */
  readonly earlierSalesOfCustomer: number;
  /** The last period closed before the source event. */
  readonly closedThrough: string | null;
  /** The tier base the line's arithmetic cut on; null when no tier applied (no tiers, or not a rate accrual). */
  readonly tierBase: TierBaseReading | null;
  /** For an adjustment or payout: who decided it and why, and the dispute an adjustment settles (if any). */
  readonly decision: {
    readonly actorId: string;
    readonly actorRole: string;
    readonly reason: string | null;
    readonly disputeId: string | null;
    readonly reference: string | null;
  } | null;
  /** Plain words for what the replay could not reproduce exactly; empty when it reproduced everything. */
  readonly limits: readonly string[];
}

/** What is wrong with an id parseLineId refuses, as every route that takes a line id says it. */
export const NOT_A_LINE_ID = 'must be a ledger line id: <source event id>:<n>';

/** `<source event id>:<n>`; null when the id is not of that shape. */
export function parseLineId(lineId: string): { eventId: string; index: number } | null {
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]{0,127}):(0|[1-9][0-9]{0,5})$/.exec(lineId);
  return match ? { eventId: match[1], index: Number(match[2]) } : null;
}

const ref = (e: StoredEvent) => ({ id: e.id, type: e.type, position: e.position.toString() });

/**
 * Posts the line again: the engine's own `applyToLedger`, run on the events that decide it
 * and nothing else, and compares what it posts under the same line id with what was recorded,
 * field by field.
 */
export function replayLedgerLine(input: LineReplayInput): LineReplay {
  const { recorded } = input;
  const sourceId = parseLineId(recorded.lineId)?.eventId ?? recorded.sourceEventIds[0];
  const source = input.events.find((e) => e.id === sourceId) ?? null;
  const readings = new Map<bigint, TierBaseReading>();
  const book: ScopedBook = new ScopedBook((repId, period, currency) => {
    const reading = input.tierBase(repId, period, currency, book.at);
    readings.set(book.at, reading);
    return reading.base;
  });
  const saleEvents: StoredEvent[] = [];
  let earlierSales = 0;
  let saleBefore: SaleBook | null = null;
  let closedThrough: string | null = null;
  // Set by the source whenever there is one; without one, nothing in any initial list has the line's id
  // (equivalent mutant).
  let posted: readonly LedgerLine[] = [];

  for (const event of source ? inLogOrder(input.events) : []) {
    if (event.position > source!.position) break;
    if (book.otherSale(event, recorded.saleId)) {
      earlierSales += 1;
      continue;
    }
    if (event.data.saleId === recorded.saleId) saleEvents.push(event);
    // Taking every event for the source would be equivalent (mutants of this test): each is applied once
    // either way, and the source, the last one before the break, sets saleBefore, closedThrough and posted.
    if (event.id !== source!.id) {
      book.apply(event);
      continue;
    }
    saleBefore = recorded.saleId ? book.sale(recorded.saleId) : null;
    closedThrough = book.closedThrough();
    posted = book.apply(event);
  }

  const replayed = posted.find((line) => line.lineId === recorded.lineId) ?? null;
  const differences = compareLines(recorded, replayed);
  const saleAfter = recorded.saleId ? book.sale(recorded.saleId) : null;
  const reading = source ? (readings.get(source.position) ?? null) : null;
  const plan = saleAfter?.plan ?? null;
  const rated = (line: LedgerLine | null) => line?.kind === 'accrual' && line.rule === 'rate';
  const tiered = (plan?.tiers.length ?? 0) > 0;
  // With no reading (the source event read no tier base) `tierUsed ? reading : null` is null either way.
  const tierUsed = (rated(recorded) || rated(replayed)) && tiered;
  const customerFacts = saleAfter ? book.customer(saleAfter.sale.customerId) : null;
  const limits: string[] = [];
  if (!source) limits.push(`the line's source event ${sourceId} is not in the streams read`);
  return {
    lineId: recorded.lineId,
    recorded,
    replayed,
    identical: differences.length === 0,
    differences,
    steps: replaySteps({
      line: replayed ?? recorded,
      before: saleBefore,
      after: saleAfter,
      tier: tierUsed ? reading : null,
      closedThrough,
    }),
    inputs: {
      sourceEvent: source ? ref(source) : null,
      plan: plan && { planId: plan.planId, version: plan.version, effectiveFrom: plan.effectiveFrom },
      customer: customerFacts && {
        customerId: customerFacts.customerId,
        finderRepId: customerFacts.finderRepId,
        firstLeadChannel: customerFacts.firstLeadChannel,
        // customerFacts is non-null only when saleAfter is: `saleAfter?.` without `?` is an equivalent mutant.
        firstSaleAt: saleAfter?.attribution.firstSaleAt ?? customerFacts.firstSaleAt,
      },
      // A missing id finds no lead (book.lead answers null), so `typeof id === 'string'` as `true` is
      // equivalent; it is here for the type.
      leads: [saleAfter?.sale.leadId, customerFacts?.firstLeadId]
        .filter((id, i, all): id is string => typeof id === 'string' && all.indexOf(id) === i)
        .map((id) => book.lead(id))
        .filter((lead): lead is LeadFacts => lead !== null),
      saleEvents: saleEvents.map(ref),
      earlierSalesOfCustomer: earlierSales,
      closedThrough,
      tierBase: tierUsed ? reading : null,
      decision: source && !recorded.saleId ? decisionOf(source) : null,
      limits,
    },
  };
}

function decisionOf(event: StoredEvent): LineReplayInputs['decision'] {
  const { actorId, actorRole, reason } = event.metadata;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    actorId,
    actorRole,
    reason: text(event.data.reason) ?? reason,
    disputeId: text(event.data.disputeId),
    reference: text(event.data.reference),
  };
}
