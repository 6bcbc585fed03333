import { tempDirectory } from '@leadledger/event-store/testing';
import { type EngineProcess, freePort, killEngineProcess, startEngineProcess } from './support/engine-process';
import { type WebhookReceiver, startWebhookReceiver } from './support/webhook-receiver';

const ADMIN_KEY = 'Crash-Test-Admin-Key-0123456789-abcdefXYZ';
const REPS = 300;

describe('webhook delivery across a crash of the engine (SIGKILL mid-delivery)', () => {
  const dir = tempDirectory('leadledger-webhook-crash');
  const env = {
    LEADLEDGER_DATA_DIR: dir.path,
    LEADLEDGER_TIMEZONE: 'UTC',
    LEADLEDGER_ADMIN_KEY: ADMIN_KEY,
    LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: 'true',
    LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: '5',
    LOG_LEVEL: 'info',
  };
  let hooks: WebhookReceiver;
  let engine: EngineProcess | null = null;

  beforeAll(async () => {
    // Slow answers, so the kill lands while deliveries are still going.
    hooks = await startWebhookReceiver({ delayMs: 15 });
  });
  afterAll(async () => {
    if (engine) await killEngineProcess(engine);
    await hooks.close();
    dir.remove();
  });

  const call = (base: string, method: string, path: string, body?: object) =>
    fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });

  it('resumes from the checkpoint after a restart: nothing lost, order kept, duplicates counted', async () => {
    const port = await freePort();
    engine = await startEngineProcess(env, port);
    const created = await call(engine.baseUrl, 'POST', '/subscriptions', {
      url: hooks.url,
      filter: { types: ['leadledger.rep.registered.v1'] },
    });
    expect(created.status).toBe(201);
    for (let start = 1; start <= REPS; start += 25) {
      const answers = await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          call(engine!.baseUrl, 'POST', '/reps', {
            repId: `crash-${start + i}`,
            name: `Rep ${start + i}`,
            email: `crash-${start + i}@example.cn`,
            team: 'east',
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual(Array(25).fill(201));
    }
    await hooks.waitForUnique(100);
    await killEngineProcess(engine);
    const atKill = hooks.unique().length;
    expect(atKill).toBeLessThan(REPS);

    engine = await startEngineProcess(env, port);
    await hooks.waitForUnique(REPS);

    const unique = hooks.unique();
    const repIds = unique.map((d) => (JSON.parse(d.body) as { data: { repId: string } }).data.repId);
    expect(new Set(repIds)).toEqual(new Set(Array.from({ length: REPS }, (_, i) => `crash-${i + 1}`)));
    const positions = unique.map((d) => d.position);
    expect(positions.every((p, i) => i === 0 || p > positions[i - 1])).toBe(true);
    // At least once: the one in flight when the process died may come again; the checkpoint moves with each 2xx.
    const duplicates = hooks.received.length - unique.length;
    process.stdout.write(`webhook crash test: ${atKill} delivered before the kill, ${duplicates} duplicate(s)\n`);
    expect(duplicates).toBeLessThanOrEqual(1);
    const health = (await (await fetch(`${engine.baseUrl}/health`)).json()) as { webhooks: { lag: string }[] };
    expect(health.webhooks).toHaveLength(1);
  });
});
