import { gzipSync } from 'node:zlib';
import { poolOf } from '../workflows/intake-fixtures';
import { rawRequest } from './support/raw-request';
import { type EngineHarness, startEngine } from './support/engine-harness';

/** A request the engine cannot take is a 4xx naming the problem, and the log does not move. */
describe('the HTTP edge', () => {
  let engine: EngineHarness;
  let service: string;
  const bodyLimit = 40_000;
  beforeAll(async () => {
    engine = await startEngine({ env: { LEADLEDGER_BODY_LIMIT_BYTES: String(bodyLimit) } });
    service = `Bearer ${await engine.key('service')}`;
    await poolOf(engine.store, 'east', ['rep-a']);
    await engine.settle();
  });
  afterAll(async () => engine.close());

  const aLead = { channel: 'web-form', contact: { phone: '138 0013 8000' }, poolId: 'east' };
  const head = async () => (await engine.store.headPosition()).toString();
  async function expectNothingWritten(send: () => Promise<{ status: number; body: unknown }>) {
    const before = await head();
    const answer = await send();
    expect(await head()).toBe(before);
    return answer;
  }
  const postLead = (headers: Record<string, string>, body: string | Buffer) =>
    rawRequest(engine.app.getHttpServer(), {
      method: 'POST',
      path: '/leads',
      headers: { Authorization: service, ...headers },
      body,
    });

  describe('content type and encoding', () => {
    it('answers 415 for JSON in a charset other than UTF-8', async () => {
      const answer = await expectNothingWritten(() =>
        postLead({ 'Content-Type': 'application/json; charset=latin1' }, JSON.stringify(aLead)),
      );
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({
        statusCode: 415,
        problems: [{ field: 'Content-Type', problem: expect.stringContaining('latin1') }],
      });
    });

    it('answers 415 for a Content-Encoding it cannot decode', async () => {
      const answer = await expectNothingWritten(() =>
        postLead({ 'Content-Type': 'application/json', 'Content-Encoding': 'x-squeeze' }, JSON.stringify(aLead)),
      );
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({
        problems: [{ field: 'Content-Encoding', problem: expect.stringContaining('x-squeeze') }],
      });
    });

    it('answers 415 for a body that is not JSON, instead of reading it as empty', async () => {
      const answer = await expectNothingWritten(() =>
        postLead({ 'Content-Type': 'text/plain' }, JSON.stringify(aLead)),
      );
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({
        problems: [{ field: 'Content-Type', problem: 'must be application/json, not text/plain' }],
      });
    });

    it('answers 415 for a body with no content type', async () => {
      const answer = await expectNothingWritten(() => postLead({}, JSON.stringify(aLead)));
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({
        problems: [{ field: 'Content-Type', problem: 'must be application/json, and none was given' }],
      });
    });

    it('takes a gzip-encoded JSON body', async () => {
      const answer = await postLead(
        { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
        gzipSync(JSON.stringify({ ...aLead, externalId: 'gzip-1' })),
      );
      expect(answer.status).toBe(201);
      await engine.settle();
    });

    it('answers 400 naming the body when the JSON does not parse', async () => {
      const answer = await expectNothingWritten(() => postLead({ 'Content-Type': 'application/json' }, '{"channel":'));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ problems: [{ field: 'body', problem: expect.stringContaining('JSON') }] });
    });
  });

  describe('size and shape', () => {
    it('answers 413 for a body over the configured limit', async () => {
      const big = JSON.stringify({ ...aLead, contact: { ...aLead.contact, name: 'x'.repeat(bodyLimit) } });
      const answer = await expectNothingWritten(() => postLead({ 'Content-Type': 'application/json' }, big));
      expect(answer.status).toBe(413);
      expect(answer.body).toMatchObject({
        statusCode: 413,
        problems: [{ field: 'body', problem: `must be at most ${bodyLimit} bytes` }],
      });
    });

    it('answers 413 for a gzip body that inflates past the limit', async () => {
      const bomb = gzipSync(JSON.stringify({ ...aLead, note: ' '.repeat(10 * bodyLimit) }));
      expect(bomb.length).toBeLessThan(bodyLimit);
      const answer = await expectNothingWritten(() =>
        postLead({ 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' }, bomb),
      );
      expect(answer.status).toBe(413);
    });

    it.each([5_000, 15_000])('answers 400 for JSON nested %i levels deep, before validation', async (levels) => {
      const nested = '['.repeat(levels) + ']'.repeat(levels);
      const body = `{"channel":"web-form","poolId":"east","contact":${nested}}`;
      const answer = await expectNothingWritten(() => postLead({ 'Content-Type': 'application/json' }, body));
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        problems: [{ field: 'body', problem: expect.stringMatching(/nested deeper than \d+ levels/) }],
      });
    });

    it('answers 400 naming a field called like a prototype, which the unknown-field check cannot see', async () => {
      for (const [body, field] of [
        [
          '{"channel":"web-form","poolId":"east","contact":{"phone":"13800000099"},"__proto__":{"isAdmin":true}}',
          '__proto__',
        ],
        [
          '{"channel":"web-form","poolId":"east","contact":{"phone":"13800000099","constructor":{"x":1}}}',
          'contact.constructor',
        ],
      ]) {
        const answer = await expectNothingWritten(() => postLead({ 'Content-Type': 'application/json' }, body));
        expect(answer.status).toBe(400);
        expect(answer.body).toEqual(
          expect.objectContaining({
            problems: [{ field, problem: expect.stringMatching(/is not a field of any request$/) }],
          }),
        );
      }
    });

    it('answers 400 naming contact when a lead has none', async () => {
      const { channel, poolId } = aLead;
      const answer = await expectNothingWritten(() =>
        engine.http().post('/leads').set('Authorization', service).send({ channel, poolId }),
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        problems: expect.arrayContaining([expect.objectContaining({ field: 'contact' })]),
      });
    });

    it('answers 400 naming contact when it is not an object', async () => {
      const answer = await expectNothingWritten(() =>
        engine
          .http()
          .post('/leads')
          .set('Authorization', service)
          .send({ ...aLead, contact: ['138 0013 8000'] }),
      );
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({
        problems: expect.arrayContaining([expect.objectContaining({ field: 'contact' })]),
      });
    });

    it('answers 414 for a 100,000-character URL instead of dropping the connection', async () => {
      const answer = await rawRequest(engine.app.getHttpServer(), {
        method: 'GET',
        path: `/leads?q=${'x'.repeat(100_000)}`,
        headers: { Authorization: service },
      });
      expect(answer.status).toBe(414);
      expect(answer.body).toMatchObject({ statusCode: 414, problems: [{ field: 'url' }] });
    });
  });
});
