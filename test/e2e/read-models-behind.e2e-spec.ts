import { PLAN_EXAMPLE } from '@leadledger/commissions';
import { ManualClock } from '@leadledger/kernel';
import { allProjections, loadConfig } from '@leadledger/platform';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

/** The standard read models, passed explicitly so the harness skips its closing `verify`: a failed one is the point here. */
const standardReadModels = () => allProjections(loadConfig({ LEADLEDGER_DATA_DIR: '.', LEADLEDGER_TIMEZONE: 'UTC' }));

/** An event of `type` with no data, written past the domain (as a damaged or foreign writer could): read models fail on it. */
async function appendUnreadable(engine: EngineHarness, streamId: string, type: string, occurredAt: string) {
  const metadata = {
    actorId: 'test',
    actorRole: 'admin',
    reason: null,
    occurredAt,
    correlationId: `c-${streamId}`,
    causationId: null,
    idempotencyKey: null,
    schemaVersion: 1,
  };
  await engine.store.appendToStream(streamId, [{ type, data: {}, metadata }], { expectedRevision: 'no_stream' });
  await engine.settle();
}

/*
 * A payout run pays from the ledger read model. When the ledger has stopped short of the log
 * (here: it failed on an event it cannot apply), the run must not pay from it and must never
 * record a ledger position it did not read.
 */
describe('a payout run while the ledger is behind the log', () => {
  let engine: EngineHarness;
  let finance: string;
  const clock = new ManualClock('2026-10-20T02:00:00.000Z');

  beforeAll(async () => {
    engine = await startEngine({
      clock,
      projections: standardReadModels(),
      env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' },
    });
    const admin = `Bearer ${await engine.key('admin')}`;
    finance = `Bearer ${await engine.key('finance')}`;
    await registerReps(engine, admin, ['rep-a']);
    const plan = { ...PLAN_EXAMPLE, effectiveFrom: '2026-10-01T00:00:00+08:00' };
    await engine.http().post('/commission-plans').set('Authorization', finance).send(plan).expect(201);
    await engine
      .http()
      .post('/ledger/adjustments')
      .set('Authorization', finance)
      .send({ payeeKind: 'rep', payeeId: 'rep-a', amount: 50_000, currency: 'CNY', reason: 'October bonus' })
      .expect(201);
  });
  afterAll(async () => engine.close());

  it('previews the balances from the ledger while it is current', async () => {
    await engine.settle();
    const preview = await engine.http().get('/payout-runs/2026-10/preview').set('Authorization', finance).expect(200);
    expect(preview.body.payouts).toEqual([expect.objectContaining({ amount: 50_000 })]);
  });

  it('answers 503 and pays nothing once the ledger has failed short of the log', async () => {
    await appendUnreadable(engine, 'sale-unreadable', 'SaleRecorded', clock.now().toISOString());
    const health = await engine.http().get('/health').expect(200);
    const ledger = health.body.projections.find((p: { name: string }) => p.name === 'commission-ledger');
    expect(ledger).toMatchObject({ state: 'failed' });
    const head = await engine.store.headPosition();

    const run = await engine.http().post('/payout-runs').set('Authorization', finance).send({ period: '2026-10' });
    expect(run.status).toBe(503);
    expect(run.body).toMatchObject({ code: 'LedgerBehindLog' });
    expect(run.body.message).toContain(`not ${head}`);
    expect(await engine.store.headPosition()).toBe(head);
    await engine.http().get('/payout-runs/2026-10/preview').set('Authorization', finance).expect(503);
  });
});

/*
 * A departure lists the rep's customers, leads and pools from the read models. When one of
 * them stopped short of the departure, moving only what it lists would leave the rest with a
 * rep who has gone: nothing is moved, and the answer says the departure waits for them.
 */
describe('a departure while the customer directory is behind the log', () => {
  let engine: EngineHarness;
  let manager: string;

  beforeAll(async () => {
    engine = await startEngine({ projections: standardReadModels(), env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    const admin = `Bearer ${await engine.key('admin')}`;
    manager = `Bearer ${await engine.key('manager')}`;
    await registerReps(engine, admin, ['rep-a', 'rep-b']);
    await engine
      .http()
      .post('/leads')
      .set('Authorization', admin)
      .send({ channel: 'walk-in', receivedBy: 'rep-a', contact: { phone: '13900000077' } })
      .expect(201);
    await engine.settle();
  });
  afterAll(async () => engine.close());

  it('moves nothing and answers 503 HandOverPending, the departure recorded', async () => {
    await appendUnreadable(engine, 'customer-unreadable', 'CustomerRegistered', new Date().toISOString());
    const health = await engine.http().get('/health').expect(200);
    expect(health.body.projections.find((p: { name: string }) => p.name === 'customer-directory')).toMatchObject({
      state: 'failed',
    });

    const departed = await engine
      .http()
      .post('/reps/rep-a/departure')
      .set('Authorization', manager)
      .send({ mode: 'hand-off', successorRepId: 'rep-b', reason: 'resigned' });
    expect(departed.status).toBe(503);
    expect(departed.body).toMatchObject({ code: 'HandOverPending' });
    await engine.settle();
    const [departure] = await engine.store.readAll({ filter: { eventTypes: ['RepDeparted'] } });
    expect(departure.data).toMatchObject({ repId: 'rep-a' });
    const moved = (await engine.store.readAll({ after: departure.position })).filter(
      (e) => e.metadata.causationId === departure.id,
    );
    expect(moved).toEqual([]);
  });
});
