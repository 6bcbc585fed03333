import type { MinorUnits } from '@leadledger/kernel';
import type { ReadModelConnection } from '@leadledger/projections';
import type { LedgerLine } from '../engine/ledger-line';
import { ledgerLine } from '../read-models/commission-ledger.query';
import { SqlCommissionBook, type TierBaseAt } from '../read-models/sql-book';
import type { TierBaseSource } from './line-replay';

/** What a line replay reads from the ledger read model: the line, and a rep's tier base in a period. */
export interface LedgerView {
  line(lineId: string): LedgerLine | null;
  /** The rep's credited base in the period before the event at `before` (a global position). */
  tierBaseBefore(repId: string, period: string, currency: string, before: bigint): TierBaseAt;
  /** The rep's whole credited base in the period so far, by the ledger's running total for tiers. */
  tierTotal(repId: string, period: string, currency: string): MinorUnits;
  /** How many lines this view has read so far (the replay's cost, shown in its answer). */
  readonly linesRead: number;
}

/** The commission-ledger projection's tables as a LedgerView; every read is by an index. */
export function sqlLedgerView(db: ReadModelConnection): LedgerView {
  const book = new SqlCommissionBook(db);
  let linesRead = 0;
  return {
    line: (lineId) => {
      const line = ledgerLine(db, lineId);
      if (line) linesRead += 1;
      return line;
    },
    tierBaseBefore: (repId, period, currency, before) => book.tierBaseBefore(repId, period, currency, before),
    tierTotal: (repId, period, currency) => book.tierBase(repId, period, currency),
    get linesRead() {
      return linesRead;
    },
  };
}

/** The tier bases a replay cuts on, from the ledger's tier history: what the engine itself read then. */
export function ledgerTierBase(ledger: LedgerView): TierBaseSource {
  return (repId, period, currency, before) => {
    const at = ledger.tierBaseBefore(repId, period, currency, before);
    return {
      repId,
      period,
      currency,
      base: at.base,
      beforePosition: before.toString(),
      setAtPosition: at.setAt,
      creditedInPeriod: ledger.tierTotal(repId, period, currency),
    };
  };
}
