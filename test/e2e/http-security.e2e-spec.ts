import { type EngineHarness, startEngine } from './support/engine-harness';

describe('security at the HTTP edge', () => {
  describe('with the default settings', () => {
    let engine: EngineHarness;
    let manager: string;
    beforeAll(async () => {
      engine = await startEngine({ env: { LEADLEDGER_AUTH_FAILURES_PER_MINUTE: '3' } });
      manager = `Bearer ${await engine.key('manager')}`;
    });
    afterAll(async () => engine.close());

    it('sends the usual security headers and does not say it runs on Express', async () => {
      const response = await engine.http().get('/health').expect(200);
      expect(response.headers['x-powered-by']).toBeUndefined();
      expect(response.headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': expect.stringContaining('max-age='),
        'content-security-policy': expect.stringContaining("default-src 'self'"),
      });
    });

    it('has no answer to a key holder kept by a browser or a proxy', async () => {
      const stats = await engine.http().get('/stats').set('Authorization', manager).expect(200);
      expect(stats.headers['cache-control']).toBe('no-store');
      const health = await engine.http().get('/health').expect(200);
      expect(health.headers['cache-control']).not.toBe('no-store');
    });

    it('allows no cross-origin browser calls unless origins are configured', async () => {
      const response = await engine
        .http()
        .options('/stats')
        .set('Origin', 'https://evil.example')
        .set('Access-Control-Request-Method', 'GET');
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('documents the keys as opaque bearer tokens, and serves the docs page with a trailing slash', async () => {
      const { body } = await engine.http().get('/docs/openapi.json').expect(200);
      const scheme = body.components.securitySchemes.bearer;
      expect(scheme).toMatchObject({ type: 'http', scheme: 'bearer' });
      expect(scheme.bearerFormat).toBe('opaque');
      expect(scheme.description).toMatch(/opaque/i);
      expect(scheme.description).toMatch(/not a JWT/);
      const page = await engine.http().get('/docs/').expect(200);
      expect(page.text).toContain('swagger-ui');
    });

    it('answers 429 with Retry-After once an address fails to authenticate too often, even with a good key', async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        await engine.http().get('/stats').set('Authorization', 'Bearer llk_guessing').expect(401);
      }
      const refused = await engine.http().get('/stats').set('Authorization', 'Bearer llk_guessing').expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.body.message).toMatch(/Too many failed authentications/);
      const evenGood = await engine.http().get('/stats').set('Authorization', manager).expect(429);
      expect(Number(evenGood.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  describe('with an allow-list of origins', () => {
    let engine: EngineHarness;
    beforeAll(async () => {
      engine = await startEngine({ env: { LEADLEDGER_CORS_ORIGINS: 'https://crm.example.cn' } });
    });
    afterAll(async () => engine.close());

    it('answers a listed origin and not another', async () => {
      const preflight = (origin: string) =>
        engine.http().options('/stats').set('Origin', origin).set('Access-Control-Request-Method', 'GET');
      expect((await preflight('https://crm.example.cn')).headers['access-control-allow-origin']).toBe(
        'https://crm.example.cn',
      );
      expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();
    });

    it('lets a listed origin’s script read the request id and Retry-After', async () => {
      const answer = await engine.http().get('/health').set('Origin', 'https://crm.example.cn').expect(200);
      expect(answer.headers['access-control-expose-headers']).toBe('X-Request-Id,Retry-After');
    });
  });
});
