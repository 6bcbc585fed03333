import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ManualClock, sequentialIds } from '@leadledger/kernel';
import { authenticateApiKey, listApiKeys, revokeApiKey } from './api-keys';
import { ensureAdminKey } from './bootstrap-admin-key';

describe('the first admin key', () => {
  const dir = tempDirectory('leadledger-bootstrap');
  const clock = new ManualClock('2026-11-23T08:00:00.000Z');
  let store: SqliteEventStore;
  beforeEach(() => (store = new SqliteEventStore({ file: dir.file(`events-${Math.random()}.sqlite`), clock })));
  afterEach(async () => store.close());
  afterAll(() => dir.remove());

  it('is generated once on a log with no key, and its secret authenticates as admin', async () => {
    const first = await ensureAdminKey(store, null, clock, sequentialIds('k'));
    if (first.kind !== 'generated') throw new Error(`expected a generated key, got ${first.kind}`);
    expect(await authenticateApiKey(store, first.key.secret)).toMatchObject({ role: 'admin', repId: null });
    expect(await ensureAdminKey(store, null, clock, sequentialIds('k2'))).toEqual({ kind: 'none-needed' });
    expect(await listApiKeys(store)).toHaveLength(1);
  });

  it('comes from LEADLEDGER_ADMIN_KEY when set, once, and a revoked one is not revived', async () => {
    const secret = 'an-operator-chosen-secret-of-40-characters';
    const outcome = await ensureAdminKey(store, secret, clock, sequentialIds('k'));
    expect(outcome.kind).toBe('from-environment');
    expect(await authenticateApiKey(store, secret)).toMatchObject({ role: 'admin' });
    const [key] = await listApiKeys(store);
    await revokeApiKey(store, key.keyId, {
      actorId: 'admin',
      actorRole: 'admin',
      occurredAt: clock.now().toISOString(),
      correlationId: 'c',
    });
    expect(await ensureAdminKey(store, secret, clock, sequentialIds('k3'))).toEqual({ kind: 'none-needed' });
    expect(await authenticateApiKey(store, secret)).toBeNull();
  });

  it('records who made it and why', async () => {
    await ensureAdminKey(store, null, clock, sequentialIds('k'));
    const [created] = await store.readAll({ filter: { eventTypes: ['ApiKeyCreated'] } });
    expect(created.metadata).toMatchObject({
      actorId: 'system:bootstrap',
      actorRole: 'admin',
      reason: 'first start of the engine',
      occurredAt: '2026-11-23T08:00:00.000Z',
      recordedAt: '2026-11-23T08:00:00.000Z',
    });
  });
});
