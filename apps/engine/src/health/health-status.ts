import type { LogInterruption } from '@leadledger/event-store';
import type { ReadModelState } from '../platform/read-model-recovery';

export interface HealthStatus {
  readonly status: 'ok' | 'degraded' | 'rebuilding' | 'down';
  readonly httpStatus: 200 | 503;
  /** Why it is not ok, in a sentence for the operator; null when ok. */
  readonly reason: string | null;
}

export interface HealthFacts {
  /** Null when the store answered a ping. */
  readonly storeError: string | null;
  readonly readModels: ReadModelState;
  /** A projection or workflow that stopped on an event, named with the event's position. */
  readonly failedReader: string | null;
  /** Why the log is not being read, while it is not (the store failed, or a consumer did). */
  readonly logInterruption: LogInterruption | null;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * 503 whenever the engine cannot answer from the read models (a load balancer then sends the
 * traffic elsewhere); a projection that failed on an event, or a log reader that is down while
 * the store answers, only degrades it: what the read models hold still answers, and waits on
 * them are bounded.
 */
export function healthStatus(facts: HealthFacts): HealthStatus {
  const { storeError, readModels, failedReader, logInterruption } = facts;
  if (storeError !== null) {
    return { status: 'down', httpStatus: 503, reason: `the event store cannot be reached: ${storeError}` };
  }
  if (readModels === 'failed') {
    return { status: 'down', httpStatus: 503, reason: 'the read models could not be rebuilt (see the engine log)' };
  }
  if (readModels === 'rebuilding') {
    return { status: 'rebuilding', httpStatus: 503, reason: 'the read models are being rebuilt from the log' };
  }
  if (logInterruption) {
    const reason = logInterruption.final
      ? `the engine stopped reading the event log: ${message(logInterruption.error)}`
      : `the engine is not reading the event log (attempt ${logInterruption.attempts} failed, retrying): ` +
        message(logInterruption.error);
    return { status: 'degraded', httpStatus: 200, reason };
  }
  if (failedReader) return { status: 'degraded', httpStatus: 200, reason: failedReader };
  return { status: 'ok', httpStatus: 200, reason: null };
}
