import { type EngineHarness, startEngine } from './support/engine-harness';
import { startWebhookReceiver } from './support/webhook-receiver';

interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly context?: string;
  readonly requestId?: string;
  readonly keyId?: string | null;
  readonly route?: string | null;
  readonly req?: { method: string; url: string };
  readonly res?: { statusCode: number };
  readonly latencyMs?: number;
}
const DEBUG = 20;
const INFO = 30;
const WARN = 40;

describe('the engine log', () => {
  const lines: LogLine[] = [];
  let engine: EngineHarness;
  let secret: string;
  beforeAll(async () => {
    engine = await startEngine({
      env: { LOG_LEVEL: 'debug', LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true', LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: '1' },
      logTo: { write: (line: string) => void lines.push(JSON.parse(line)) },
    });
    secret = await engine.key('manager');
  });
  afterAll(async () => engine.close());

  const requestLines = () => lines.filter((line) => line.req);

  it('keeps the start-up short: the line per route and per module is debug, not info', () => {
    const perRoute = lines.filter((line) => line.context === 'RouterExplorer');
    expect(perRoute.length).toBeGreaterThan(30);
    expect(perRoute.every((line) => line.level === DEBUG)).toBe(true);
    expect(lines.filter((line) => line.context === 'InstanceLoader').every((line) => line.level === DEBUG)).toBe(true);
    expect(lines.filter((line) => line.level >= INFO && !line.req).length).toBeLessThan(10);
  });

  it('writes one JSON line per request with its id, key id, route, status and latency, and never the secret', async () => {
    const answer = await engine
      .http()
      .get('/leads/lead-unknown')
      .set('Authorization', `Bearer ${secret}`)
      .set('X-Request-Id', 'crm-req-42')
      .expect(404);
    expect(answer.headers['x-request-id']).toBe('crm-req-42');
    const line = requestLines().find((l) => l.requestId === 'crm-req-42');
    expect(line).toMatchObject({
      level: WARN,
      keyId: expect.stringMatching(/\S/),
      route: '/leads/:id',
      req: { method: 'GET', url: '/leads/lead-unknown' },
      res: { statusCode: 404 },
      latencyMs: expect.any(Number),
    });
    expect(JSON.stringify(lines)).not.toContain(secret);
  });

  it('makes a request id when the caller sends none, and answers with it', async () => {
    const answer = await engine.http().get('/health').expect(200);
    const id = answer.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLines().find((l) => l.requestId === id)).toMatchObject({
      level: INFO,
      keyId: null,
      res: { statusCode: 200 },
    });
  });

  it('logs a failed authentication with the address, and a request refused at the edge', async () => {
    await engine
      .http()
      .get('/stats')
      .set('Authorization', 'Bearer llk_wrong')
      .set('X-Request-Id', 'bad-key')
      .expect(401);
    expect(lines.find((l) => l.requestId === 'bad-key' && l.context === 'Authentication')).toMatchObject({
      level: WARN,
      msg: expect.stringMatching(/^Authentication failed from .*127\.0\.0\.1/),
    });
    await engine
      .http()
      .post('/leads')
      .set('Authorization', `Bearer ${secret}`)
      .set('X-Request-Id', 'not-json')
      .set('Content-Type', 'text/plain')
      .send('hello')
      .expect(415);
    expect(requestLines().find((l) => l.requestId === 'not-json')).toMatchObject({ res: { statusCode: 415 } });
  });

  it('logs what a webhook worker does without the id of the request that created its subscription', async () => {
    const hooks = await startWebhookReceiver();
    hooks.answerWith(() => 500);
    try {
      const service = `Bearer ${await engine.key('service')}`;
      await engine
        .http()
        .post('/subscriptions')
        .set('Authorization', service)
        .set('X-Request-Id', 'crm-subscribe')
        .send({ url: hooks.url, filter: { types: ['leadledger.rep.registered.v1'] } })
        .expect(201);
      // One event for it, refused by the receiver: with one attempt allowed, the worker logs the subscription failing.
      await engine
        .http()
        .post('/reps')
        .set('Authorization', `Bearer ${secret}`)
        .send({ repId: 'rep-logged', name: 'Logged', email: 'logged@example.cn', team: 'east' })
        .expect(201);
      const failing = () => lines.find((line) => line.msg.includes('failing after 1 attempts'));
      while (!failing()) await new Promise((resolve) => setTimeout(resolve, 10));

      expect(failing()!.requestId).toBeUndefined();
    } finally {
      await hooks.close();
    }
  });
});
