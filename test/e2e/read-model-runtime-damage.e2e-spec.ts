import { existsSync } from 'node:fs';
import { overwriteTablePages } from '../../libs/platform/src/testing/file-damage';
import { ReadModelRecovery } from '../../apps/engine/src/platform/read-model-recovery';
import { cli } from './support/cli-harness';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { type RecordedReads, pushWalkInLeads, readLeadsAndCustomers } from './support/recorded-reads';

/**
 * The read-model file damaged under a running engine (SQLITE_CORRUPT at run time): the request
 * that meets it gets 503 with Retry-After instead of a 500, the engine sets the file aside and
 * rebuilds it from the log in the background, then answers as before.
 */
describe('a read-model file damaged while the engine runs', () => {
  let engine: EngineHarness;
  let admin: string;
  let leadIds: string[];
  let before: RecordedReads;
  beforeAll(async () => {
    engine = await startEngine();
    admin = `Bearer ${await engine.key('admin')}`;
    leadIds = await pushWalkInLeads(engine, admin, 30);
    await engine.settle();
    before = await readLeadsAndCustomers(engine, admin, leadIds);
  });
  // close() runs `verify` on the rebuilt read models too.
  afterAll(async () => engine.close());

  it('answers 503 with Retry-After, rebuilds in the background, then serves the same answers', async () => {
    const readModelsFile = `${engine.dataDir}/read-models.sqlite`;
    overwriteTablePages(readModelsFile, { tables: ['lead_board'] });

    const met = await engine.http().get(`/leads/${leadIds[7]}`).set('Authorization', admin);
    expect(met.status).toBe(503);
    expect(met.headers['retry-after']).toBe('5');
    expect(met.body).toMatchObject({ statusCode: 503, code: 'ReadModelsRebuilding' });

    await engine.app.get(ReadModelRecovery).whenRebuilt();
    const { body: health } = await engine.http().get('/health').expect(200);
    expect(health.status).toBe('ok');
    expect(health.readModels).toEqual({
      file: readModelsFile,
      state: 'serving',
      lastDamage: {
        detectedAt: expect.any(String),
        error: 'database disk image is malformed',
        movedTo: expect.stringMatching(/read-models\.sqlite\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/),
      },
    });
    expect(existsSync(health.readModels.lastDamage.movedTo)).toBe(true);
    expect(await readLeadsAndCustomers(engine, admin, leadIds)).toEqual(before);
    const verified = await cli({ LEADLEDGER_DATA_DIR: engine.dataDir, LEADLEDGER_TIMEZONE: 'UTC' }, ['verify']);
    expect(verified.code).toBe(0);
  });

  it('keeps taking leads after the rebuild, through the projections on the new file', async () => {
    const [lead] = await pushWalkInLeads(engine, admin, 1);
    await engine.settle();
    await engine.http().get(`/leads/${lead}`).set('Authorization', admin).expect(200);
  });

  it('rebuilds too when a projection, not a query, meets the damage', async () => {
    const recovery = engine.app.get(ReadModelRecovery);
    const damagedBefore = recovery.lastDamage;
    overwriteTablePages(`${engine.dataDir}/read-models.sqlite`, { tables: ['lead_board'] });
    const pushed = await engine
      .http()
      .post('/leads')
      .set('Authorization', admin)
      .send({ channel: 'walk-in', contact: { name: '新客户', phone: '13900139000' }, receivedBy: 'rep-2' });
    // The lead is in the log before the projections meet the damage, so its intake is answered.
    expect(pushed.status).toBe(201);
    await recovery.whenRebuilt();
    expect(recovery.state).toBe('serving');
    expect(recovery.lastDamage?.movedTo).not.toBe(damagedBefore?.movedTo);
    expect(existsSync(recovery.lastDamage!.movedTo)).toBe(true);
    await engine.settle();
    const { body } = await engine.http().get(`/leads/${pushed.body.leadId}`).set('Authorization', admin).expect(200);
    expect(body).toMatchObject({ leadId: pushed.body.leadId, status: 'assigned', repId: 'rep-2' });
  });
});
