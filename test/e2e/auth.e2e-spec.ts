import { hashApiKeySecret, listApiKeys, revokeApiKey, toExportLine } from '@leadledger/platform';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { registerReps } from './support/sales-team';

interface Operation {
  readonly parameters?: { readonly name: string; readonly in: string; readonly required?: boolean }[];
}

interface SchemaObject {
  readonly type?: string;
  readonly nullable?: boolean;
  readonly $ref?: string;
  readonly allOf?: unknown[];
  readonly properties?: Record<string, SchemaObject>;
  readonly additionalProperties?: unknown;
}

describe('API keys on every route but /health and /docs', () => {
  let engine: EngineHarness;
  beforeAll(async () => (engine = await startEngine()));
  afterAll(async () => engine.close());

  it('answers /health and /docs without a key', async () => {
    await engine.http().get('/health').expect(200);
    const docs = await engine.http().get('/docs').expect(200);
    expect(docs.text).toContain('swagger');
    const { body: openApi } = await engine.http().get('/docs/openapi.json').expect(200);
    expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/health', '/stats']));
    expect(openApi.paths['/stats'].get.security).toEqual([{ bearer: [] }]);
    expect(openApi.paths['/health'].get.security).toBeUndefined();
  });

  it('types every nullable field of the OpenAPI document, as generated clients need', async () => {
    const { body: openApi } = await engine.http().get('/docs/openapi.json').expect(200);
    const untyped: string[] = [];
    for (const [name, schema] of Object.entries(openApi.components.schemas as Record<string, SchemaObject>)) {
      for (const [field, property] of Object.entries(schema.properties ?? {})) {
        // A `string | null` the generator could not see through comes out as a bare nullable object.
        const bare =
          property.type === 'object' &&
          !property.properties &&
          !property.$ref &&
          !property.allOf &&
          !property.additionalProperties;
        if (property.nullable && bare) untyped.push(`${name}.${field}`);
      }
    }
    expect(untyped).toEqual([]);
    // Each header once, and none required that a request may leave out (Idempotency-Key is optional everywhere).
    const headers = Object.entries(openApi.paths as Record<string, Record<string, Operation>>).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) =>
        (op.parameters ?? []).filter((p) => p.in === 'header').map((p) => ({ at: `${method} ${path}`, ...p })),
      ),
    );
    const idempotency = headers.filter((h) => h.name.toLowerCase() === 'idempotency-key');
    expect(idempotency.length).toBeGreaterThan(10);
    expect(idempotency.filter((h) => h.required || h.name !== 'Idempotency-Key')).toEqual([]);
    expect(new Set(idempotency.map((h) => h.at)).size).toBe(idempotency.length);
  });

  it('answers 401 without a key, with a malformed header, or with an unknown key', async () => {
    const missing = await engine.http().get('/stats').expect(401);
    expect(missing.body.message).toContain('Authorization: Bearer');
    await engine.http().get('/stats').set('Authorization', 'Basic abc').expect(401);
    const unknown = await engine.http().get('/stats').set('Authorization', 'Bearer llk_not-a-real-key').expect(401);
    expect(unknown.body.message).toBe('The API key is unknown or revoked');
  });

  it('answers 403 to a role the route does not admit', async () => {
    const repKey = await engine.key('rep', 'rep-42');
    const response = await engine.http().get('/stats').set('Authorization', `Bearer ${repKey}`).expect(403);
    expect(response.body.message).toContain('Role rep may not use this route');
  });

  it('admits each role the route names', async () => {
    for (const role of ['admin', 'manager', 'finance', 'service'] as const) {
      const key = await engine.key(role);
      await engine.http().get('/stats').set('Authorization', `Bearer ${key}`).expect(200);
    }
  });

  it('refuses a key once it is revoked', async () => {
    const key = await engine.key('manager');
    await engine.http().get('/stats').set('Authorization', `Bearer ${key}`).expect(200);
    const [newest] = (await listApiKeys(engine.store)).slice(-1);
    await revokeApiKey(engine.store, newest.keyId, {
      actorId: 'test',
      actorRole: 'admin',
      reason: 'laptop lost',
      occurredAt: '2026-11-02T00:00:00.000Z',
      correlationId: 'c-2',
    });
    await engine.http().get('/stats').set('Authorization', `Bearer ${key}`).expect(401);
  });

  it('refuses the keys of a rep who has left, and no one else’s', async () => {
    const manager = `Bearer ${await engine.key('manager')}`;
    const { 'rep-leaving': leaving, 'rep-staying': staying } = await registerReps(engine, manager, [
      'rep-leaving',
      'rep-staying',
    ]);
    await engine.http().get('/reps/rep-leaving/leads').set('Authorization', leaving).expect(200);
    await engine
      .http()
      .post('/reps/rep-leaving/departure')
      .set('Authorization', manager)
      .send({ mode: 'hand-off', successorRepId: 'rep-staying', reason: 'resigned' })
      .expect(200);

    const refused = await engine.http().get('/reps/rep-leaving/leads').set('Authorization', leaving).expect(401);
    expect(refused.body.message).toBe('Rep rep-leaving has left: their API keys no longer open anything');
    await engine.http().get('/customers?status=released').set('Authorization', leaving).expect(401);
    await engine.http().get('/reps/rep-staying/leads').set('Authorization', staying).expect(200);
  });

  it('never stores the secret, only its hash', async () => {
    const key = await engine.key('finance');
    const created = await engine.store.readAll({ filter: { eventTypes: ['ApiKeyCreated'] } });
    const log = created.map(toExportLine).join('\n');
    expect(log).toContain(hashApiKeySecret(key));
    expect(log).not.toContain(key);
  });
});
