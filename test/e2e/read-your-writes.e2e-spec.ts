import { poolOf } from '../workflows/intake-fixtures';
import { type EngineHarness, startEngine } from './support/engine-harness';

/**
 * The read models follow the log a few milliseconds behind under load (live reads gather the
 * appends of up to 10 ms into one batch); a read must still see every write answered before it.
 */
describe('a read right after a write', () => {
  let engine: EngineHarness;
  let service: string;
  beforeAll(async () => {
    engine = await startEngine();
    service = `Bearer ${await engine.key('service')}`;
    await poolOf(engine.store, 'east', ['rep-a', 'rep-b']);
  });
  afterAll(async () => engine.close());

  it('shows each pushed lead as the push answered it: matched and assigned, never "not found"', async () => {
    for (let n = 0; n < 20; n++) {
      const pushed = await engine
        .http()
        .post('/leads')
        .set('Authorization', service)
        .send({ channel: 'web-form', contact: { phone: `1390013${String(n).padStart(4, '0')}` }, poolId: 'east' })
        .expect(201);
      const read = await engine.http().get(`/leads/${pushed.body.leadId}`).set('Authorization', service).expect(200);
      expect(read.body).toMatchObject({
        status: pushed.body.status,
        repId: pushed.body.repId,
        customerId: pushed.body.customerId,
      });
    }
  });
});
