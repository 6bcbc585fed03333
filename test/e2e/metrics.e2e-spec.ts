import { poolOf } from '../workflows/intake-fixtures';
import { type EngineHarness, startEngine } from './support/engine-harness';

/** The value of one series in a Prometheus text exposition, or undefined when absent. */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('GET /metrics', () => {
  let engine: EngineHarness;
  let service: string;
  beforeAll(async () => {
    engine = await startEngine();
    service = `Bearer ${await engine.key('service')}`;
    await poolOf(engine.store, 'east', ['rep-a', 'rep-b']);
    for (const phone of ['138 0013 8000', '138 0013 8001']) {
      await engine
        .http()
        .post('/leads')
        .set('Authorization', service)
        .send({ channel: 'web-form', contact: { phone }, poolId: 'east' })
        .expect(201);
    }
    await engine.http().get('/leads/no-such-lead').set('Authorization', service).expect(404);
    await engine.settle();
  });
  afterAll(async () => engine.close());

  const scrape = async () => {
    const response = await engine.http().get('/metrics').set('Authorization', service).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    return response.text;
  };

  it('counts requests by route pattern, method and status, with a latency histogram', async () => {
    const text = await scrape();
    expect(sample(text, 'http_requests_total{method="POST",route="/leads",status="201"}')).toBe(2);
    expect(sample(text, 'http_requests_total{method="GET",route="/leads/:id",status="404"}')).toBe(1);
    expect(sample(text, 'http_request_duration_seconds_count{method="POST",route="/leads",status="201"}')).toBe(2);
    expect(text).toContain('http_request_duration_seconds_bucket{le="0.05",method="POST",route="/leads",status="201"}');
  });

  it('counts the write path: appends, events, lost races and retries', async () => {
    const text = await scrape();
    expect(sample(text, 'leadledger_appends_total')).toBeGreaterThanOrEqual(2 * 5);
    expect(sample(text, 'leadledger_appended_events_total')).toBeGreaterThanOrEqual(
      sample(text, 'leadledger_appends_total')!,
    );
    expect(sample(text, 'leadledger_append_conflicts_total')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'leadledger_command_retries_total')).toBeGreaterThanOrEqual(0);
  });

  it('shows each projection and reactor caught up once the engine has settled', async () => {
    const text = await scrape();
    for (const consumer of ['kind="projection",name="lead-board"', 'kind="reactor",name="lead-intake"']) {
      expect(sample(text, `leadledger_log_consumer_lag_events{${consumer}}`)).toBe(0);
      expect(sample(text, `leadledger_log_consumer_lag_seconds{${consumer}}`)).toBe(0);
    }
  });

  it('reports scheduler runs, the write-ahead log sizes and the process', async () => {
    const text = await scrape();
    expect(sample(text, 'leadledger_scheduler_runs_total{outcome="completed"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'leadledger_scheduler_runs_total{outcome="failed"}')).toBe(0);
    expect(sample(text, 'leadledger_sqlite_wal_bytes{database="events"}')).toBeGreaterThan(0);
    expect(sample(text, 'leadledger_sqlite_wal_bytes{database="read-models"}')).toBeGreaterThanOrEqual(0);
    expect(text).toContain('process_resident_memory_bytes');
  });

  it('is not for a rep key', async () => {
    await engine
      .http()
      .get('/metrics')
      .set('Authorization', `Bearer ${await engine.key('rep')}`)
      .expect(403);
  });
});
