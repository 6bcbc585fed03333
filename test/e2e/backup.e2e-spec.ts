import { tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { writeFileSync } from 'node:fs';
import { cli } from './support/cli-harness';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { runFromSource } from './support/run-from-source';
import { RECEIVERS, registerReceivers } from './support/recorded-reads';

/** Every event id of a SQLite log, in commit order. */
async function eventIdsOf(file: string): Promise<string[]> {
  const store = new SqliteEventStore({ file });
  try {
    return (await store.readAll({ maxCount: 1_000_000 })).map((event) => event.id);
  } finally {
    await store.close();
  }
}

describe('leadledger backup', () => {
  let engine: EngineHarness;
  let env: Record<string, string>;
  let admin: string;
  const backups = tempDirectory('leadledger-backups');
  beforeAll(async () => {
    engine = await startEngine();
    env = { LEADLEDGER_DATA_DIR: engine.dataDir, LEADLEDGER_TIMEZONE: 'UTC' };
    admin = `Bearer ${await engine.key('admin')}`;
    await registerReceivers(engine, admin);
  });
  afterAll(async () => {
    await engine.close();
    backups.remove();
  });

  it('copies the log while leads keep arriving: the copy holds every lead acknowledged before, and verifies', async () => {
    const acknowledged: string[] = [];
    let writing = true;
    const writer = (async () => {
      for (let n = 0; writing || acknowledged.length < 20; n++) {
        const { body } = await engine
          .http()
          .post('/leads')
          .set('Authorization', admin)
          .send({
            channel: 'walk-in',
            contact: { email: `buyer${n}@example.cn` },
            receivedBy: RECEIVERS[n % RECEIVERS.length],
          })
          .expect(201);
        acknowledged.push(body.leadId);
      }
    })();
    while (acknowledged.length < 20) await new Promise((resolve) => setImmediate(resolve));
    const acknowledgedBefore = [...acknowledged];

    // Another process, as an operator runs it beside the engine.
    const out = backups.file('events-backup.sqlite');
    const run = await runFromSource('apps/cli/src/main.ts', ['backup', '--out', out], env);
    writing = false;
    await writer;
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^backed up the log up to position \\d+ \\(\\d+ bytes\\) to ${out}\\n$`));
    // The engine took leads while the backup ran.
    expect(acknowledged.length).toBeGreaterThan(acknowledgedBefore.length);

    // A consistent copy is the log as of one commit: exactly a prefix of the live log.
    const copied = await eventIdsOf(out);
    const live = await eventIdsOf(`${engine.dataDir}/events.sqlite`);
    expect(copied.length).toBeLessThanOrEqual(live.length);
    expect(copied).toEqual(live.slice(0, copied.length));

    // Restored: an engine on the copy answers for every lead acknowledged before the backup began.
    const restored = await startEngine({ env: { LEADLEDGER_EVENTS_FILE: out } });
    try {
      await restored.settle();
      for (const leadId of acknowledgedBefore) {
        await restored.http().get(`/leads/${leadId}`).set('Authorization', admin).expect(200);
      }
      const verified = await cli({ ...env, LEADLEDGER_DATA_DIR: restored.dataDir, LEADLEDGER_EVENTS_FILE: out }, [
        'verify',
      ]);
      expect(verified.code).toBe(0);
    } finally {
      await restored.close();
    }
  });

  it('never writes over an existing file', async () => {
    const out = backups.file('taken.sqlite');
    writeFileSync(out, 'something precious');
    const run = await cli(env, ['backup', '--out', out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`backup: ${out} already exists: give the name of a new file\n`);
  });

  it('says to use EventStoreDB’s own backup when the log is there', async () => {
    const run = await cli({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }, [
      'backup',
      '--out',
      backups.file('esdb.sqlite'),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('with EventStoreDB, back up its database with its own tools');
  });
});
