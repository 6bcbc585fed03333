import type { AdjustCommission } from './commission-periods.decider';
import type { CommissionAdjusted } from './commission-periods.events';

type Recorded = CommissionAdjusted['data'];

/** What a repeated adjustment must say again, by the request field that carries it. */
const COMPARED: readonly (readonly [
  string,
  (recorded: Recorded) => unknown,
  (retried: AdjustCommission) => unknown,
])[] = [
  ['payeeKind', (recorded) => recorded.payee.kind, (retried) => retried.payee.kind],
  ['payeeId', (recorded) => recorded.payee.id, (retried) => retried.payee.id],
  ['amount', (recorded) => recorded.amount, (retried) => retried.amount],
  ['currency', (recorded) => recorded.currency, (retried) => retried.currency],
  // The reason is recorded trimmed.
  ['reason', (recorded) => recorded.reason, (retried) => retried.reason.trim()],
  ['reference', (recorded) => recorded.reference, (retried) => retried.reference],
];

/**
 * The request fields in which an adjustment sent again under the same Idempotency-Key differs
 * from the one recorded, in a fixed order; empty for a true repeat. A repeat that names no
 * period matches whatever period the first one was posted to (it went to the open period of its
 * day); one that names a period must name that one.
 */
export function differingAdjustmentFields(recorded: Recorded, retried: AdjustCommission): string[] {
  const fields = COMPARED.filter(([, read, readRetried]) => read(recorded) !== readRetried(retried)).map(
    ([field]) => field,
  );
  if (retried.period !== null && retried.period !== recorded.period) fields.push('period');
  return fields;
}
