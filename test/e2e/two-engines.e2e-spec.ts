import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { join } from 'node:path';
import { cli } from './support/cli-harness';
import { type EngineProcess, freePort, killEngineProcess, startEngineProcess } from './support/engine-process';

const REPS = ['rep-a', 'rep-b', 'rep-c', 'rep-d'];
const LEADS = 80;

interface Health {
  readonly store: { readonly headPosition: string };
  readonly projections: readonly { name: string; state: string; position: string; failure: unknown }[];
  readonly workflows: readonly { name: string; state: string; position: string; failure: unknown }[];
}

/*
 * Two engine processes on one SQLite event log, each with its own read models (as
 * docs/operations.md says to run them), started together on an empty store and fed leads
 * concurrently. Every reactor runs in both.
 */
describe('two engines on one SQLite file', () => {
  const dir = tempDirectory('leadledger-two-engines');
  const eventsFile = join(dir.path, 'events.sqlite');
  const envOf = (name: string) => ({
    LEADLEDGER_DATA_DIR: dir.path,
    LEADLEDGER_EVENTS_FILE: eventsFile,
    LEADLEDGER_READ_MODELS_FILE: join(dir.path, `${name}.read-models.sqlite`),
    LEADLEDGER_TIMEZONE: 'UTC',
    LOG_LEVEL: 'info',
  });
  let engines: EngineProcess[] = [];
  let adminKey = '';

  afterAll(async () => {
    await Promise.all(engines.map(killEngineProcess));
    dir.remove();
  });

  const call = async (engine: EngineProcess, method: string, path: string, body?: object) => {
    const response = await fetch(`${engine.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const health = async (engine: EngineProcess) => (await (await fetch(`${engine.baseUrl}/health`)).json()) as Health;

  /** Until every reader of the engine has handled the log up to what the store holds now (or one failed). */
  const settled = async (engine: EngineProcess, head: bigint) => {
    for (;;) {
      const now = await health(engine);
      const readers = [...now.projections, ...now.workflows];
      if (readers.some((r) => r.state === 'failed') || readers.every((r) => BigInt(r.position) >= head)) return now;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('start together on an empty store and make one admin key between them', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    engines = await Promise.all([startEngineProcess(envOf('a'), portA), startEngineProcess(envOf('b'), portB)]);
    const shown = engines.map((e) => /It is shown this once:\s+(llk_\S+)/.exec(e.output())?.[1] ?? null);
    expect(shown.filter((secret) => secret !== null)).toHaveLength(1);
    adminKey = shown.find((secret) => secret !== null)!;
    // The key works on both: each reads it from the shared log.
    for (const engine of engines) expect((await call(engine, 'GET', '/reps')).status).toBe(200);
  });

  it('route every lead fed to both at once exactly once, with no reactor failing', async () => {
    const [a, b] = engines;
    for (const repId of REPS)
      expect(
        (await call(a, 'POST', '/reps', { repId, name: repId, email: `${repId}@example.cn`, team: 'east' })).status,
      ).toBe(201);
    const pool = { poolId: 'east', name: 'East', strategy: 'smooth-weighted-round-robin', acceptanceSlaMinutes: 30 };
    expect((await call(b, 'POST', '/pools', { ...pool, protectionDays: 30, protectionWarningDays: 5 })).status).toBe(
      201,
    );
    for (const repId of REPS)
      expect((await call(a, 'POST', '/pools/east/members', { repId, weight: 1 })).status).toBe(201);

    // Half the leads through each engine, ten at a time on each.
    const answers = [];
    for (let start = 0; start < LEADS; start += 20) {
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            call(i % 2 === 0 ? a : b, 'POST', '/leads', {
              channel: 'web-form',
              contact: { email: `buyer-${start + i}@example.cn` },
              poolId: 'east',
            }),
          ),
        )),
      );
    }
    expect(answers.map((r) => r.status)).toEqual(Array(LEADS).fill(201));

    const store = new SqliteEventStore({ file: eventsFile });
    try {
      const head = await store.headPosition();
      const [healthA, healthB] = await Promise.all([settled(a, head), settled(b, head)]);
      for (const now of [healthA, healthB])
        expect(
          [...now.projections, ...now.workflows].filter((r) => r.failure !== null || r.state === 'failed'),
        ).toEqual([]);

      const assigned = await store.readAll({ filter: { eventTypes: ['LeadAssigned'] } });
      const perLead = new Map<string, number>();
      for (const event of assigned)
        perLead.set(String(event.data.leadId), (perLead.get(String(event.data.leadId)) ?? 0) + 1);
      expect(perLead.size).toBe(LEADS);
      expect([...perLead.values()].every((count) => count === 1)).toBe(true);
      // The rotation is one pool's, whichever engine took the lead: 80 leads over 4 equal weights.
      const perRep = new Map<string, number>();
      for (const event of assigned)
        perRep.set(String(event.data.repId), (perRep.get(String(event.data.repId)) ?? 0) + 1);
      expect([...perRep.values()]).toEqual([20, 20, 20, 20]);

      const adminKeys = (await store.readAll({ filter: { eventTypes: ['ApiKeyCreated'] } })).filter(
        (e) => e.data.role === 'admin',
      );
      expect(adminKeys).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('leave read models that verify passes on, for each engine', async () => {
    await Promise.all(engines.map(killEngineProcess));
    for (const name of ['a', 'b']) {
      const verified = await cli(envOf(name), ['verify']);
      expect({ name, code: verified.code, out: verified.code === 0 ? '' : verified.stdout + verified.stderr }).toEqual({
        name,
        code: 0,
        out: '',
      });
    }
  });
});
