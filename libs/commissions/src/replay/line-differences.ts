import { sameJson } from '@leadledger/kernel';
import type { LedgerLine } from '../engine/ledger-line';

export interface LineDifference {
  /** The line's field that differs (`amount`, `rateBps`, `multiplierBps`, `period`…), or `line` when none was replayed. */
  readonly input: string;
  readonly recorded: unknown;
  readonly replayed: unknown;
}

/** The line's fields compared, in the order an answer names them. */
const COMPARED: readonly (keyof LedgerLine)[] = [
  'payee',
  'kind',
  'rule',
  'amount',
  'period',
  'naturalPeriod',
  'currency',
  'occurredAt',
  'position',
  'sourceEventIds',
  'saleId',
  'paymentId',
  'refundId',
  'adjustmentId',
  'payoutRunId',
  'planId',
  'planVersion',
  'attributionClass',
  'role',
  'rateBps',
  'multiplierBps',
  'base',
  'groupId',
  'undividedAmount',
  'referencesLineId',
  'arithmetic',
  'note',
];

/** Each compared field where the replayed line differs from the recorded one; the whole line when none was replayed. */
export function compareLines(recorded: LedgerLine, replayed: LedgerLine | null): LineDifference[] {
  if (!replayed) return [{ input: 'line', recorded: recorded.lineId, replayed: null }];
  return COMPARED.filter((field) => !sameJson(recorded[field], replayed[field])).map((field) => ({
    input: field,
    recorded: recorded[field],
    replayed: replayed[field],
  }));
}
