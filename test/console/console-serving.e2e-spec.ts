import { type EngineHarness, startEngine } from '../e2e/support/engine-harness';
import { ensureConsoleBuilt } from './support/built-console';

/** Issue 16: the engine serves the console itself, under its security headers, with no key needed for the page. */
describe('the console served at /console', () => {
  let engine: EngineHarness;
  beforeAll(async () => {
    ensureConsoleBuilt();
    engine = await startEngine({ env: { LEADLEDGER_TIMEZONE: 'Asia/Shanghai' } });
  });
  afterAll(async () => engine.close());

  it('serves the page and its bundle without a key, under a CSP that allows this origin only', async () => {
    const page = await engine.http().get('/console').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('/console/assets/console.js');
    const policy = page.headers['content-security-policy'];
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).not.toContain('upgrade-insecure-requests'); // plain HTTP on a company network still works
    expect(page.headers['cache-control']).toBe('no-cache');
    const bundle = await engine.http().get('/console/assets/console.js').expect(200);
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    await engine.http().get('/console/assets/console.css').expect(200);
  });

  it('serves nothing else from the build directory or beyond it', async () => {
    await engine.http().get('/console/assets/index.js').expect(404);
    await engine.http().get('/console/assets/..%2F..%2Fpackage.json').expect(404);
  });

  it('tells a key who it is, and nobody without one', async () => {
    await engine.http().get('/console/session').expect(401);
    const rep = await engine
      .http()
      .get('/console/session')
      .set('Authorization', `Bearer ${await engine.key('rep', 'rep-9')}`);
    expect(rep.body).toEqual({ role: 'rep', repId: 'rep-9', timeZone: 'Asia/Shanghai' });
    const finance = await engine
      .http()
      .get('/console/session')
      .set('Authorization', `Bearer ${await engine.key('finance')}`);
    expect(finance.body).toEqual({ role: 'finance', repId: null, timeZone: 'Asia/Shanghai' });
  });
});
