import { EventStoreUnavailableError } from '@leadledger/event-store';
import { type HealthFacts, healthStatus } from './health-status';

const healthy: HealthFacts = { storeError: null, readModels: 'serving', failedReader: null, logInterruption: null };
const storeDropped = { error: new EventStoreUnavailableError('14 UNAVAILABLE: No connection'), final: false };

describe('the health status', () => {
  it('is ok while the store answers, the read models serve and the log is read', () => {
    expect(healthStatus(healthy)).toEqual({ status: 'ok', httpStatus: 200, reason: null });
  });

  it('is degraded (200) when a projection failed on an event: the rest still answers', () => {
    const failedReader = 'projection lead-board failed on the event at position 12: no rule';
    expect(healthStatus({ ...healthy, failedReader })).toEqual({
      status: 'degraded',
      httpStatus: 200,
      reason: failedReader,
    });
  });

  it('is degraded while the log reader is down, saying why, and ok again once it reads', () => {
    const down = healthStatus({ ...healthy, logInterruption: { ...storeDropped, attempts: 3 } });
    expect(down).toEqual({
      status: 'degraded',
      httpStatus: 200,
      reason: 'the engine is not reading the event log (attempt 3 failed, retrying): 14 UNAVAILABLE: No connection',
    });
    const stopped = { error: new Error('cannot apply'), final: true, attempts: 0 };
    expect(healthStatus({ ...healthy, logInterruption: stopped }).reason).toBe(
      'the engine stopped reading the event log: cannot apply',
    );
    expect(healthStatus({ ...healthy, logInterruption: null }).status).toBe('ok');
  });

  it('is rebuilding (503) while the read models are rebuilt from the log, failed projection or not', () => {
    expect(healthStatus({ ...healthy, readModels: 'rebuilding' })).toMatchObject({
      status: 'rebuilding',
      httpStatus: 503,
    });
    expect(healthStatus({ ...healthy, readModels: 'rebuilding', failedReader: 'x' }).status).toBe('rebuilding');
  });

  it('is down (503) without a store, or when the read models could not be rebuilt', () => {
    expect(healthStatus({ ...healthy, storeError: 'connect ECONNREFUSED' })).toEqual({
      status: 'down',
      httpStatus: 503,
      reason: 'the event store cannot be reached: connect ECONNREFUSED',
    });
    expect(healthStatus({ ...healthy, readModels: 'failed' })).toMatchObject({ status: 'down', httpStatus: 503 });
  });
});
