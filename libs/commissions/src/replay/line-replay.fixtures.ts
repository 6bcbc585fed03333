import type { ReadStreamOptions, StoredEvent } from '@leadledger/event-store';
import { applyToLedger } from '../engine/ledger-engine';
import type { LedgerLine } from '../engine/ledger-line';
import { MemoryBook } from '../engine/memory-book';
import type { LedgerLog } from '../engine/ledger.fixtures';
import { type PeriodCalendar, periodOf } from '../plan/commission-periods';
import type { LedgerView } from './ledger-view';
import type { LineReplaySources } from './replay-line';

/** The stream each fixture event would have been appended to by the engine's commands. */
function streamOf(event: StoredEvent): string {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'CommissionPlanPublished':
      return 'commission-plans';
    case 'LeadReceived':
      return `lead-${String(data.leadId)}`;
    case 'CustomerRegistered':
    case 'OwnershipAssigned':
    case 'CustomerReleased':
      return `customer-${String(data.customerId)}`;
    case 'CommissionAdjusted':
    case 'CommissionPaidOut':
    case 'PeriodClosed':
      return 'commission-periods';
    default:
      return `sale-${String(data.saleId)}`;
  }
}

/**
 * A fixture log as the engine would have it: each event in its stream with its revision, the
 * ledger its events post (in memory), and the sources a line replay reads.
 */
export function replayableLog(log: LedgerLog): { lines: LedgerLine[]; sources: LineReplaySources } {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of log.events) {
    const streamId = streamOf(event);
    const stream = streams.get(streamId) ?? [];
    stream.push({ ...event, streamId, revision: BigInt(stream.length) });
    streams.set(streamId, stream);
  }
  const book = new MemoryBook();
  for (const event of log.events) applyToLedger(book, event);
  let linesRead = 0;
  const counted = (lines: LedgerLine[]) => ((linesRead += lines.length), lines);
  const ledger: LedgerView = {
    line: (lineId) => counted(book.lines.filter((l) => l.lineId === lineId))[0] ?? null,
    repLines: (repId, period, later) =>
      counted(
        book.lines.filter(
          (l) => l.payee.kind === 'rep' && l.payee.id === repId && (later ? l.period > period : l.period === period),
        ),
      ),
    tierTotal: (repId, period, currency) => book.tierBase(repId, period, currency),
    get linesRead() {
      return linesRead;
    },
  };
  const readStream = async (streamId: string, options: ReadStreamOptions = {}) => {
    const all = streams.get(streamId) ?? [];
    const max = options.maxCount ?? all.length;
    if (options.direction !== 'backwards') return all.slice(Number(options.fromRevision ?? 0n)).slice(0, max);
    const from = Number(options.fromRevision ?? BigInt(all.length - 1));
    return all
      .slice(0, from + 1)
      .reverse()
      .slice(0, max);
  };
  const customerSaleStreams = (customerId: string) =>
    [...streams.entries()]
      .filter(([id, events]) => id.startsWith('sale-') && events[0].data.customerId === customerId)
      .map(([id]) => id);
  const salesCreditedIn = (repId: string, period: string, currency: string, calendar: PeriodCalendar) =>
    [...streams.entries()]
      .filter(([id]) => id.startsWith('sale-'))
      .map(([, events]) => book.sale(String(events[0].data.saleId)))
      .filter((sale) => sale?.attribution.creditedRepId === repId && sale.sale.currency === currency)
      .filter((sale) => periodOf(sale!.sale.closedAt, calendar) === period)
      .map((sale) => sale!.sale.saleId);
  return {
    lines: book.lines,
    sources: { store: { readStream }, ledger, customerSaleStreams, salesCreditedIn },
  };
}
