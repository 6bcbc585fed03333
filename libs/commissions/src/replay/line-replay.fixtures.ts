import type { ReadStreamOptions, StoredEvent } from '@leadledger/event-store';
import type { MinorUnits } from '@leadledger/kernel';
import type { CommissionBook } from '../engine/commission-book';
import { applyToLedger } from '../engine/ledger-engine';
import type { LedgerLine } from '../engine/ledger-line';
import { MemoryBook } from '../engine/memory-book';
import type { LedgerLog } from '../engine/ledger.fixtures';
import type { TierBaseAt } from '../read-models/sql-book';
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

/** The ledger in memory with the tier history the read model keeps (see `ledger_tier_history`). */
function tierHistoryBook() {
  const memory = new MemoryBook();
  const history: { key: string; position: bigint; base: MinorUnits }[] = [];
  const book: CommissionBook = {
    ...memory,
    setTierBase: (repId, period, currency, base, position) => {
      memory.setTierBase(repId, period, currency, base);
      history.push({ key: `${repId}|${period}|${currency}`, position, base });
    },
  };
  const tierBaseBefore = (repId: string, period: string, currency: string, before: bigint): TierBaseAt => {
    const key = `${repId}|${period}|${currency}`;
    const last = history.filter((h) => h.key === key && h.position < before).at(-1);
    return last ? { base: last.base, setAt: last.position.toString() } : { base: 0, setAt: null };
  };
  return { memory, book, tierBaseBefore };
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
  const { memory: book, book: withHistory, tierBaseBefore } = tierHistoryBook();
  for (const event of log.events) applyToLedger(withHistory, event);
  let linesRead = 0;
  const counted = (lines: LedgerLine[]) => ((linesRead += lines.length), lines);
  const ledger: LedgerView = {
    line: (lineId) => counted(book.lines.filter((l) => l.lineId === lineId))[0] ?? null,
    tierBaseBefore,
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
  return {
    lines: book.lines,
    sources: { store: { readStream }, ledger, customerSaleStreams },
  };
}
