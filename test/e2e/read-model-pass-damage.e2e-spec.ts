import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { type Projection, ReadModelDatabase, eventTypeStatsProjection } from '@leadledger/projections';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ReadModelRecovery } from '../../apps/engine/src/platform/read-model-recovery';
import { overwriteTablePages } from '../../libs/platform/src/testing/file-damage';
import { type EngineHarness, startEngine } from './support/engine-harness';

/**
 * A read model a release added is built at start in one pass over the log. Damage that pass
 * meets in a file it did not just set aside (pages of another read model, which nothing read
 * before) sends the file aside, and every read model is built again on a fresh one.
 */
describe('damage met while a read model a release added is built', () => {
  const shared = tempDirectory('leadledger-pass-damage');
  const env = {
    LEADLEDGER_EVENTS_FILE: join(shared.path, 'events.sqlite'),
    LEADLEDGER_READ_MODELS_FILE: join(shared.path, 'read-models.sqlite'),
  };
  const stats = eventTypeStatsProjection('UTC');
  let engine: EngineHarness | null = null;
  afterAll(async () => {
    await engine?.close();
    shared.remove();
  });

  /** The read model the release adds. Its first event meets the damage, as a write landing on a damaged page would. */
  const callCount: Projection = {
    name: 'call-count',
    version: '1',
    tables: ['call_count'],
    eventTypes: ['CallLogged'],
    setup: (db) => db.exec('CREATE TABLE IF NOT EXISTS call_count (stream_id TEXT PRIMARY KEY)'),
    apply: (event, db) => {
      if (!metDamage) {
        metDamage = true;
        throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
      }
      db.prepare('INSERT INTO call_count (stream_id) VALUES (?)').run(event.streamId);
    },
  };
  let metDamage = false;

  it('sets the file aside, builds every read model on a fresh one, and serves', async () => {
    const before = await startEngine({ env, projections: [stats] });
    for (let i = 0; i < 20; i++) {
      await before.store.appendToStream(`call-${i}`, [anEvent('CallLogged')], { expectedRevision: 'no_stream' });
    }
    await before.settle();
    await before.close();
    // Damage in the statistics' pages, which the start reads nowhere: only quick_check finds it.
    overwriteTablePages(env.LEADLEDGER_READ_MODELS_FILE, { tables: ['event_type_totals'], pages: 1 });

    engine = await startEngine({ env, projections: [stats, callCount] });
    const recovery = engine.app.get(ReadModelRecovery);
    for (let attempt = 0; recovery.lastDamage === null && attempt < 1000; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await recovery.whenRebuilt();
    expect(metDamage).toBe(true);
    expect(recovery.state).toBe('serving');
    expect(recovery.lastDamage?.movedTo).toMatch(/read-models\.sqlite\.damaged-/);
    expect(existsSync(recovery.lastDamage?.movedTo ?? '')).toBe(true);
    await engine.settle();
    const { db } = engine.app.get(ReadModelDatabase);
    expect(db.prepare('SELECT count(*) AS n FROM call_count').get()).toEqual({ n: 20 });
    expect(db.prepare("SELECT count FROM event_type_totals WHERE type = 'CallLogged'").get()).toEqual({ count: 20 });
  });
});
