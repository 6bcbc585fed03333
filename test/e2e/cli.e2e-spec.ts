import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase } from '@leadledger/projections';
import { toExportLine } from '@leadledger/platform';
import { existsSync, readFileSync } from 'node:fs';
import { cli } from './support/cli-harness';
import { type EngineHarness, startEngine } from './support/engine-harness';

describe('the CLI against the engine configuration', () => {
  let engine: EngineHarness;
  let env: Record<string, string>;
  beforeAll(async () => {
    engine = await startEngine();
    env = { LEADLEDGER_DATA_DIR: engine.dataDir, LEADLEDGER_TIMEZONE: 'UTC' };
  });
  afterAll(async () => engine.close());

  it('creates a key whose secret works once shown, lists it, and revokes it', async () => {
    const created = await cli(env, ['keys', 'create', '--name', 'Finance team', '--role', 'finance']);
    expect(created.code).toBe(0);
    const secret = /llk_\S+/.exec(created.stdout)![0];
    await engine.http().get('/stats').set('Authorization', `Bearer ${secret}`).expect(200);

    const listed = await cli(env, ['keys', 'list']);
    const line = listed.stdout.split('\n').find((l) => l.includes('Finance team'))!;
    expect(line).toContain('active\tfinance');
    expect(listed.stdout).not.toContain(secret);

    const keyId = line.split('\t')[0];
    expect((await cli(env, ['keys', 'revoke', keyId, '--reason', 'team left'])).code).toBe(0);
    await engine.http().get('/stats').set('Authorization', `Bearer ${secret}`).expect(401);
    const again = await cli(env, ['keys', 'revoke', keyId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('ApiKeyAlreadyRevoked');
  });

  it('refuses a rep key without its rep, and an unknown role, with a usage exit code', async () => {
    const noRep = await cli(env, ['keys', 'create', '--name', 'Wang', '--role', 'rep']);
    expect(noRep.code).toBe(1);
    expect(noRep.stderr).toContain('RepKeyNeedsRep');
    const badRole = await cli(env, ['keys', 'create', '--name', 'X', '--role', 'owner']);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('Allowed choices are admin, manager, finance, rep, service');
  });

  it('names the variable and the problem on bad configuration', async () => {
    const run = await cli({ ...env, LEADLEDGER_TIMEZONE: 'Mars/Olympus' }, ['keys', 'list']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('LEADLEDGER_TIMEZONE: must be an IANA time zone');
  });

  it('verify passes on a faithful read model and names the first difference on a tampered one', async () => {
    // Fixture types of no domain: their made-up data would not pass the published events' schemas.
    await engine.store.appendToStream('call-9', [anEvent('CallLogged'), anEvent('CallTransferred')], {
      expectedRevision: 'no_stream',
    });
    await engine.settle();
    const clean = await cli(env, ['verify']);
    expect(clean.stdout).toMatch(/event-type-stats: identical at position \d+/);
    expect(clean.code).toBe(0);

    const tamper = (count: number) => {
      const readModels = new ReadModelDatabase(`${engine.dataDir}/read-models.sqlite`);
      const row = "type = 'CallTransferred'";
      const was = readModels.db.prepare(`SELECT count FROM event_type_totals WHERE ${row}`).pluck().get() as number;
      readModels.db.prepare(`UPDATE event_type_totals SET count = ? WHERE ${row}`).run(count);
      readModels.close();
      return was;
    };
    const faithful = tamper(40);
    const tampered = await cli(env, ['verify']);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toContain('DIFFERS');
    expect(tampered.stdout).toContain('table event_type_totals');
    expect(tampered.stdout).toContain('"CallTransferred","40"');
    // Put back by hand: `rebuild` refuses beside the running engine (cli-rebuild-guard.e2e-spec.ts repairs with it).
    tamper(faithful);
  });

  it('verify says there is no read-model file to compare, and does not make one', async () => {
    const missing = `${engine.dataDir}/gone.read-models.sqlite`;
    const run = await cli({ ...env, LEADLEDGER_READ_MODELS_FILE: missing }, ['verify']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('event log: hash chain intact');
    expect(run.stderr).toContain(`verify: there is no ${missing} to compare with the log`);
    expect(existsSync(missing)).toBe(false);
  });

  it('rebuild refuses beside the running engine, once the projection it names is known', async () => {
    const refused = await cli(env, ['rebuild', 'event-type-stats']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`rebuild refused: an engine (process ${process.pid} `);
    expect((await cli(env, ['rebuild', 'no-such-projection'])).code).toBe(2);
  });

  it('exports the log as NDJSON and imports it into another store, ids, revisions and metadata intact', async () => {
    const target = tempDirectory('leadledger-import');
    try {
      const file = `${target.path}/log.ndjson`;
      const exported = await cli(env, ['export', '--out', file]);
      expect(exported.code).toBe(0);
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      expect(exported.stderr).toBe(`exported ${lines.length} events\n`);

      const targetEnv = { LEADLEDGER_DATA_DIR: target.path };
      const first = await cli(targetEnv, ['import', '--in', file]);
      expect(first.stderr).toBe(`imported ${lines.length} events, skipped 0 already present\n`);
      // Running it again (an interrupted import resumed) adds nothing.
      const second = await cli(targetEnv, ['import'], readFileSync(file, 'utf8'));
      expect(second.stderr).toBe(`imported 0 events, skipped ${lines.length} already present\n`);

      const copy = new SqliteEventStore({ file: `${target.path}/events.sqlite` });
      const copied = (await copy.readAll({ maxCount: 10_000 })).map(toExportLine);
      await copy.close();
      expect(copied).toEqual(lines);
    } finally {
      target.remove();
    }
  });

  it('refuses an import line that does not fit the target, naming the line', async () => {
    const run = await cli(
      env,
      ['import'],
      '{"id":"x","type":"T","streamId":"call-9","revision":"0","data":{},"metadata":{}}\n',
    );
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 1: stream call-9 is at revision 1 and does not hold event x at revision 0');
    expect(run.stderr).toContain('nothing from this line on was imported (of the 0 events before it, 0 were imported');
  });
});
