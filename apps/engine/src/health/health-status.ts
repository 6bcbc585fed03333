import type { ReadModelState } from '../platform/read-model-recovery';

export interface HealthStatus {
  readonly status: 'ok' | 'degraded' | 'rebuilding' | 'down';
  readonly httpStatus: 200 | 503;
}

/**
 * 503 whenever the engine cannot answer from the read models (a load balancer then sends the
 * traffic elsewhere); a projection that failed on an event only degrades it: the rest answers.
 */
export function healthStatus(
  storeReachable: boolean,
  readModels: ReadModelState,
  projectionFailed: boolean,
): HealthStatus {
  if (!storeReachable || readModels === 'failed') return { status: 'down', httpStatus: 503 };
  if (readModels === 'rebuilding') return { status: 'rebuilding', httpStatus: 503 };
  return { status: projectionFailed ? 'degraded' : 'ok', httpStatus: 200 };
}
