import type { EventStore, StoredEvent } from '@leadledger/event-store';
import { customerStreamId } from '@leadledger/customers';
import { leadStreamId } from '@leadledger/leads';
import { saleStreamId } from '@leadledger/sales';
import { COMMISSION_PERIODS_STREAM } from '../periods/commission-periods.events';
import { PLAN_BOOK_STREAM } from '../plan/plan-book.events';
import { type LedgerView, ledgerTierBase } from './ledger-view';
import { type LineReplay, replayLedgerLine } from './line-replay';

/** Where a line replay reads: the store's streams, the ledger read model, and which sale streams a customer has. */
export interface LineReplaySources {
  readonly store: Pick<EventStore, 'readStream'>;
  readonly ledger: LedgerView;
  /** The sale streams linked to a customer (the timeline index), for the customer's first sale. */
  readonly customerSaleStreams: (customerId: string) => readonly string[];
}

/** What one replay read: each stream and how many of its events, and how many ledger lines. */
export interface LineReplayReads {
  readonly streams: readonly { readonly streamId: string; readonly events: number }[];
  readonly ledgerLines: number;
}

export type LineReplayAnswer = LineReplay & { readonly reads: LineReplayReads };

const PERIODS_PAGE = 200;

/**
 * The commission-periods events back from the end to the last PeriodClosed before `position`:
 * the period boundary at that position, and the line's own event for an adjustment or payout.
 * Costs the periods' events since the line, not the whole stream.
 */
async function periodsBack(store: LineReplaySources['store'], position: bigint): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let from: bigint | undefined;
  for (;;) {
    const page = await store.readStream(COMMISSION_PERIODS_STREAM, {
      direction: 'backwards',
      fromRevision: from,
      maxCount: PERIODS_PAGE,
    });
    events.push(...page);
    const last = page.at(-1);
    if (!last || last.revision === 0n || page.length < PERIODS_PAGE) return events;
    // A PeriodClosed posts no line, so none is at the line's own position: `<=` is an equivalent mutant.
    if (page.some((e) => e.type === 'PeriodClosed' && e.position < position)) return events;
    from = last.revision - 1n;
  }
}

type StreamRead = (streamId: string, maxCount?: number) => Promise<StoredEvent[]>;

/**
 * The events a sale's lines are decided by: its own stream, the plan book, its customer's
 * stream, the LeadReceived of its lead and of the customer's first lead, and the first event
 * (SaleRecorded) of the customer's other sales.
 */
async function saleInputs(sources: LineReplaySources, read: StreamRead, saleId: string): Promise<StoredEvent[]> {
  const sale = await read(saleStreamId(saleId));
  const events = [...sale, ...(await read(PLAN_BOOK_STREAM))];
  // SaleRecorded opens every sale stream, so finding the first event is equivalent (mutant).
  const recorded = sale.find((e) => e.type === 'SaleRecorded');
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const customerId = text(recorded?.data.customerId);
  if (customerId === null) return events;
  const customer = await read(customerStreamId(customerId));
  events.push(...customer);
  // CustomerRegistered opens every customer stream (finding the first event is an equivalent mutant), and
  // past the customerId check `recorded` is defined (`recorded.data` without `?` is equivalent too).
  const firstLeadId = text(customer.find((e) => e.type === 'CustomerRegistered')?.data.firstLeadId);
  for (const id of new Set([text(recorded?.data.leadId), firstLeadId]))
    if (id !== null) events.push(...(await read(leadStreamId(id), 1)));
  for (const stream of sources.customerSaleStreams(customerId))
    if (stream.startsWith('sale-') && stream !== saleStreamId(saleId)) events.push(...(await read(stream, 1)));
  return events;
}

/**
 * Posts one ledger line again from the streams that decide it: for a sale's line, the sale's
 * stream, its customer's, the LeadReceived of its lead and of the customer's first lead, the
 * first event of the customer's other sales, the plan book, the periods back to the last close
 * before the line, and from the ledger read model's tier history the rep's credited base in the
 * period before each event (for tiers); for an adjustment or payout, its own event and the
 * periods before it. Null when the ledger has no such line. Nothing read grows with the log:
 * each is one subject's history, or one indexed row.
 */
export async function replayLine(sources: LineReplaySources, lineId: string): Promise<LineReplayAnswer | null> {
  const { store, ledger } = sources;
  const recorded = ledger.line(lineId);
  if (!recorded) return null;
  const reads = new Map<string, number>();
  const read: StreamRead = async (streamId, maxCount) => {
    // A store reads `{ maxCount: undefined }` as no limit, as it does no options: `{ maxCount }` alone is equivalent.
    const events = await store.readStream(streamId, maxCount === undefined ? undefined : { maxCount });
    reads.set(streamId, Math.max(reads.get(streamId) ?? 0, events.length));
    return events;
  };
  const periods = await periodsBack(store, BigInt(recorded.position));
  reads.set(COMMISSION_PERIODS_STREAM, periods.length);
  const events = [...periods, ...(recorded.saleId === null ? [] : await saleInputs(sources, read, recorded.saleId))];

  const replay = replayLedgerLine({ recorded, events, tierBase: ledgerTierBase(ledger) });
  return {
    ...replay,
    reads: {
      streams: [...reads].map(([streamId, count]) => ({ streamId, events: count })),
      ledgerLines: ledger.linesRead,
    },
  };
}
