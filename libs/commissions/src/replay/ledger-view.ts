import type { MinorUnits } from '@leadledger/kernel';
import type { ReadModelConnection } from '@leadledger/projections';
import type { LedgerLine } from '../engine/ledger-line';
import { ledgerLine } from '../read-models/commission-ledger.query';
import { SqlCommissionBook } from '../read-models/sql-book';
import type { TierBaseReading, TierBaseSource } from './line-replay';
import type { SaleCredit } from './scoped-book';

/** What a line replay reads from the ledger read model: the line, and what it knows of a rep's period. */
export interface LedgerView {
  line(lineId: string): LedgerLine | null;
  /** A rep's lines posted to `period`, or with `later` to the periods after it (late postings). */
  repLines(repId: string, period: string, later: boolean): readonly LedgerLine[];
  /** The rep's whole credited base in the period, by the ledger's running total for tiers. */
  tierTotal(repId: string, period: string, currency: string): MinorUnits;
  /** How many lines this view has read so far (the replay's cost, shown in its answer). */
  readonly linesRead: number;
}

/** The commission-ledger projection's tables as a LedgerView; every read is by an index. */
export function sqlLedgerView(db: ReadModelConnection): LedgerView {
  const book = new SqlCommissionBook(db);
  let linesRead = 0;
  const parse = (rows: unknown[]) => {
    linesRead += rows.length;
    return rows.map((row) => JSON.parse((row as { json: string }).json) as LedgerLine);
  };
  return {
    line: (lineId) => {
      const line = ledgerLine(db, lineId);
      if (line) linesRead += 1;
      return line;
    },
    repLines: (repId, period, later) =>
      parse(
        db
          .prepare(
            `SELECT json FROM ledger_lines WHERE payee_kind = 'rep' AND payee_id = ? AND period ${later ? '>' : '='} ? ORDER BY seq`,
          )
          .all(repId, period),
      ),
    tierTotal: (repId, period, currency) => book.tierBase(repId, period, currency),
    get linesRead() {
      return linesRead;
    },
  };
}

interface Credit {
  readonly position: bigint;
  readonly base: MinorUnits;
}

/**
 * The credited base of the rep's sales in a natural period, one entry per tier segment the
 * ledger paid them as owner (each rate line carries its segment's base; the finder's line of
 * the same segment shares its group).
 */
function creditsIn(lines: readonly LedgerLine[], period: string, currency: string, into: Map<string, Credit>): void {
  for (const l of lines) {
    if (l.kind !== 'accrual' || l.rule !== 'rate' || l.role !== 'owner') continue;
    if (l.naturalPeriod !== period || l.currency !== currency || l.groupId === null) continue;
    into.set(l.groupId, { position: BigInt(l.position), base: l.base ?? 0 });
  }
}

const total = (credits: Iterable<Credit>, before: bigint | null = null) => {
  let sum = 0;
  for (const c of credits) if (before === null || c.position < before) sum += c.base;
  return sum;
};

/**
 * A rep's credited base in a period before a position, from what the ledger already knows:
 * the rate lines posted to that period (and, only when those fall short of the ledger's running
 * total, the rep's later periods, where late lines land). Exact when the lines account for the
 * whole total: every credit is positive, so nothing before the position is missing.
 *
 * `folded`: sales whose credits were worked out from their own events (see `saleCredits`); they
 * replace what the lines show of those sales, and count even where they posted no line.
 */
export function ledgerTierBase(
  ledger: LedgerView,
  folded: ReadonlyMap<string, readonly SaleCredit[]> = new Map(),
): TierBaseSource {
  const known = new Map<string, { credits: Map<string, Credit>; total: MinorUnits }>();
  return (repId, period, currency, before): TierBaseReading => {
    const key = JSON.stringify([repId, period, currency]);
    let entry = known.get(key);
    if (!entry) {
      const credits = new Map<string, Credit>();
      const whole = ledger.tierTotal(repId, period, currency);
      creditsIn(ledger.repLines(repId, period, false), period, currency, credits);
      if (total(credits.values()) !== whole) creditsIn(ledger.repLines(repId, period, true), period, currency, credits);
      for (const [saleId, ofSale] of folded) {
        for (const groupId of credits.keys()) if (groupId.startsWith(`${saleId}:`)) credits.delete(groupId);
        ofSale
          .filter((c) => c.repId === repId && c.period === period && c.currency === currency)
          .forEach((c, i) => credits.set(`${saleId}@${i}`, c));
      }
      entry = { credits, total: whole };
      known.set(key, entry);
    }
    return {
      repId,
      period,
      currency,
      base: total(entry.credits.values(), before),
      beforePosition: before.toString(),
      from: folded.size > 0 ? 'ledger and sales' : 'ledger',
      creditedInPeriod: entry.total,
      exact: total(entry.credits.values()) === entry.total,
    };
  };
}
