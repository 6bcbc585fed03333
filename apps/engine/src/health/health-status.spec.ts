import { healthStatus } from './health-status';

describe('the health status', () => {
  it('is ok, or degraded when a projection failed on an event: the rest still answers (200)', () => {
    expect(healthStatus(true, 'serving', false)).toEqual({ status: 'ok', httpStatus: 200 });
    expect(healthStatus(true, 'serving', true)).toEqual({ status: 'degraded', httpStatus: 200 });
  });

  it('is rebuilding (503) while the read models are rebuilt from the log, failed projection or not', () => {
    expect(healthStatus(true, 'rebuilding', false)).toEqual({ status: 'rebuilding', httpStatus: 503 });
    expect(healthStatus(true, 'rebuilding', true)).toEqual({ status: 'rebuilding', httpStatus: 503 });
  });

  it('is down (503) without a store, or when the read models could not be rebuilt', () => {
    expect(healthStatus(false, 'serving', false)).toEqual({ status: 'down', httpStatus: 503 });
    expect(healthStatus(true, 'failed', false)).toEqual({ status: 'down', httpStatus: 503 });
  });
});
