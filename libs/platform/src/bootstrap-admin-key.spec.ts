import { ADMIN_BOOTSTRAP_STREAM, adminBootstrapDecider } from '@leadledger/auth';
import { handleCommand } from '@leadledger/event-store';
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

describe('the first admin key when several engines start on one empty log', () => {
  const dir = tempDirectory('leadledger-bootstrap-race');
  const clock = new ManualClock('2026-11-23T08:00:00.000Z');
  afterAll(() => dir.remove());

  it('is made once: of engines starting together, one shows a secret and the others make no key', async () => {
    const file = dir.file('shared.sqlite');
    // Separate store instances on one file, as separate engine processes would have.
    const stores = Array.from({ length: 4 }, () => new SqliteEventStore({ file, clock }));
    try {
      const outcomes = await Promise.all(
        stores.map((store, i) => ensureAdminKey(store, null, clock, sequentialIds(`k${i}-`))),
      );
      const generated = outcomes.filter((o) => o.kind === 'generated');
      expect(generated).toHaveLength(1);
      expect(await listApiKeys(stores[0])).toHaveLength(1);
      if (generated[0].kind !== 'generated') throw new Error('unreachable');
      expect(await authenticateApiKey(stores[3], generated[0].key.secret)).toMatchObject({ role: 'admin' });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('is completed, not made again, after an engine stopped between choosing it and creating it', async () => {
    const store = new SqliteEventStore({ file: dir.file('stopped.sqlite'), clock });
    try {
      const context = {
        actorId: 'system:bootstrap',
        actorRole: 'admin',
        occurredAt: clock.now().toISOString(),
        correlationId: 'c',
      };
      // The choice recorded, the key never created: the engine stopped in between.
      await handleCommand(
        store,
        ADMIN_BOOTSTRAP_STREAM,
        adminBootstrapDecider,
        { kind: 'BootstrapAdminKey', keyId: 'k-chosen', secretHash: 'cd'.repeat(32) },
        context,
      );
      expect(await listApiKeys(store)).toHaveLength(0);
      expect(await ensureAdminKey(store, null, clock, sequentialIds('k'))).toEqual({
        kind: 'chosen-elsewhere',
        keyId: 'k-chosen',
      });
      expect(await listApiKeys(store)).toMatchObject([{ keyId: 'k-chosen', role: 'admin', status: 'active' }]);
      // Once complete, later starts have nothing to do.
      expect(await ensureAdminKey(store, null, clock, sequentialIds('k2'))).toEqual({ kind: 'none-needed' });
      expect(await listApiKeys(store)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
