import { tempDirectory } from '@leadledger/event-store/testing';
import Database from 'better-sqlite3';
import { checkStorageAtStart, loadConfig, snapshotsFileFor } from '@leadledger/platform';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { ReadModelRecovery } from '../../apps/engine/src/platform/read-model-recovery';
import { join } from 'node:path';
import {
  deleteFile,
  overwriteHeader,
  overwriteTablePages,
  truncateFile,
} from '../../libs/platform/src/testing/file-damage';
import { cli } from './support/cli-harness';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { type RecordedReads, pushWalkInLeads, readLeadsAndCustomers } from './support/recorded-reads';

/**
 * A read-model or snapshot file damaged while the engine was down: the start-up check moves it
 * aside with one log line, and the engine rebuilds it from the log and answers as before.
 */
describe('a damaged read-model file at start-up', () => {
  const original = tempDirectory('leadledger-damage-original');
  const envFor = (dataDir: string, check: 'structure' | 'full' = 'structure') => ({
    LEADLEDGER_DATA_DIR: dataDir,
    LEADLEDGER_TIMEZONE: 'UTC',
    LEADLEDGER_STARTUP_CHECK: check,
  });
  let admin: string;
  let leadIds: string[];
  let before: RecordedReads;
  let head: bigint;

  beforeAll(async () => {
    const engine = await startEngine({ env: envFor(original.path) });
    try {
      admin = `Bearer ${await engine.key('admin')}`;
      leadIds = await pushWalkInLeads(engine, admin, 60);
      await engine.settle();
      before = await readLeadsAndCustomers(engine, admin, leadIds);
      head = await engine.store.headPosition();
    } finally {
      // Closing checkpoints each file, so the copies below are whole files without a -wal.
      await engine.close();
    }
  });
  afterAll(() => original.remove());

  /** The same data in a directory of its own for each case, damaged as `damage` says. */
  function copyOfTheData(damage: Damage) {
    const dir = tempDirectory('leadledger-damage');
    for (const name of readdirSync(original.path)) copyFileSync(join(original.path, name), join(dir.path, name));
    const config = loadConfig(envFor(dir.path));
    damage({ readModels: config.readModelsFile, snapshots: snapshotsFileFor(config.readModelsFile) });
    return { dir, config };
  }

  type Damage = (files: { readModels: string; snapshots: string }) => void;
  interface DamagedCopy {
    readonly dir: { readonly path: string };
    readonly config: ReturnType<typeof loadConfig>;
    /** As main.ts starts: the storage check first (its lines collected), then the app. */
    start(): Promise<{ engine: EngineHarness; lines: string[] }>;
  }

  /** Runs `test` on a damaged copy of the data, then closes the engine it started and removes the copy. */
  async function onADamagedCopy(
    damage: Damage,
    check: 'structure' | 'full',
    test: (copy: DamagedCopy) => Promise<void>,
  ) {
    const { dir, config } = copyOfTheData(damage);
    let started: EngineHarness | null = null;
    let passed = false;
    try {
      await test({
        dir,
        config,
        start: async () => {
          const lines: string[] = [];
          const env = envFor(dir.path, check);
          checkStorageAtStart(loadConfig(env), (line) => lines.push(line), new Date('2026-11-30T01:40:00Z'));
          started = await startEngine({ env });
          return { engine: started, lines };
        },
      });
      passed = true;
    } finally {
      // After a failure the test's own error is the one to read: the verify in close() would
      // replace it with the news that the file is still damaged.
      const closing = (started as EngineHarness | null)?.close();
      await (passed ? closing : closing?.catch(() => undefined));
      dir.remove();
    }
  }

  // Pages of a table with rows, which `verify` reads: the middle of the whole file can hold only
  // the root pages of empty tables and indexes, which verify's reads may never meet (a layout
  // that varies from run to run with how the log's events fell into read-model batches).
  const midFile: Damage = ({ readModels }) =>
    void overwriteTablePages(readModels, { tables: ['lead_board'], pages: 4 });
  const cases: [string, 'structure' | 'full', Damage][] = [
    ['truncated', 'structure', ({ readModels }) => truncateFile(readModels)],
    ['with a garbage header', 'structure', ({ readModels }) => overwriteHeader(readModels)],
    ['with table pages overwritten in mid-file, under LEADLEDGER_STARTUP_CHECK=full', 'full', midFile],
  ];

  it.each(cases)('when %s, is moved aside in one line and rebuilt: same answers, verify passes', (_, check, damage) =>
    onADamagedCopy(damage, check, async ({ dir, config, start }) => {
      const named = await cli(envFor(dir.path), ['verify']);
      expect(named.code).toBe(1);
      expect(named.stderr).toMatch(
        new RegExp(`^The file ${config.readModelsFile} is damaged \\(.+\\)\\. It holds only data`),
      );
      expect(named.stderr.trim().split('\n')).toHaveLength(1);

      const { engine, lines } = await start();
      expect(lines).toHaveLength(1);
      const movedTo = `${config.readModelsFile}.damaged-2026-11-30T01-40-00Z`;
      expect(lines[0]).toMatch(new RegExp(`^${config.readModelsFile} is damaged \\(.+\\); moved it to ${movedTo} `));
      expect(existsSync(movedTo)).toBe(true);
      await engine.settle();
      expect(await readLeadsAndCustomers(engine, admin, leadIds)).toEqual(before);
      // The reactors went over the log again from an empty file and found nothing left to do.
      expect(await engine.store.headPosition()).toBe(head);
      expect((await cli(envFor(dir.path), ['verify'])).code).toBe(0);
    }),
  );

  it('with index pages overwritten, which no comparison of verify reads, makes verify name the file', () =>
    onADamagedCopy(
      // The directory's index by owner: the comparisons read every table in its own key's order.
      ({ readModels }) => void overwriteTablePages(readModels, { tables: ['customer_directory_by_owner'], pages: 1 }),
      'structure',
      async ({ dir, config }) => {
        const named = await cli(envFor(dir.path), ['verify']);
        expect(named.code).toBe(1);
        expect(named.stdout).toContain('event log: hash chain intact');
        expect(named.stderr).toMatch(
          new RegExp(`^The file ${config.readModelsFile} is damaged \\(quick_check: .+\\)\\. It holds only data`),
        );
        expect(named.stderr.trim().split('\n')).toHaveLength(1);
      },
    ));

  it('with table pages overwritten in mid-file, which the default check does not read, heals when a read meets them', () =>
    onADamagedCopy(
      // Pages of the lead board, which the reads below go through: damage to a table they never
      // read (which pages the middle of the file holds varies from run to run) would go unmet.
      ({ readModels }) =>
        void overwriteTablePages(readModels, { tables: ['lead_board'], pages: 4, sparingEdges: true }),
      'structure',
      async ({ dir, start }) => {
        const { engine, lines } = await start();
        expect(lines).toEqual([]);
        // Some reads meet a damaged page: 503 with Retry-After, never a 500, and the rebuild starts.
        const statuses = new Set<number>();
        for (const leadId of leadIds) {
          const lead = await engine.http().get(`/leads/${leadId}`).set('Authorization', admin);
          statuses.add(lead.status);
          if (lead.status === 200) {
            const customer = await engine.http().get(`/customers/${lead.body.customerId}`).set('Authorization', admin);
            statuses.add(customer.status);
          }
        }
        expect([...statuses].sort()).toEqual([200, 503]);
        await engine.app.get(ReadModelRecovery).whenRebuilt();
        await engine.settle();
        expect(await readLeadsAndCustomers(engine, admin, leadIds)).toEqual(before);
        expect((await cli(envFor(dir.path), ['verify'])).code).toBe(0);
      },
    ));

  it('with damaged pages in a read model a release changed, sets the file aside when the rebuild meets them', () =>
    onADamagedCopy(
      ({ readModels }) => {
        // As a file left by a release whose lead board had another version: the start rebuilds it.
        const file = new Database(readModels);
        file.prepare("UPDATE projection_checkpoints SET version = 'old' WHERE name = 'lead-board'").run();
        file.close();
        overwriteTablePages(readModels, { tables: ['lead_board'], pages: 4, sparingEdges: true });
      },
      'structure',
      async ({ dir, start }) => {
        const { engine, lines } = await start();
        expect(lines).toEqual([]);
        // Dropping the old lead board reads its pages: the damage is met, the file set aside, every read model built again.
        const recovery = engine.app.get(ReadModelRecovery);
        for (let attempt = 0; recovery.lastDamage === null && attempt < 1000; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        await recovery.whenRebuilt();
        expect(recovery.state).toBe('serving');
        expect(recovery.lastDamage?.movedTo).toMatch(/read-models\.sqlite\.damaged-/);
        expect(readdirSync(dir.path).filter((f) => f.startsWith('read-models.sqlite.damaged-'))).toHaveLength(1);
        await engine.settle();
        expect(await readLeadsAndCustomers(engine, admin, leadIds)).toEqual(before);
        expect((await cli(envFor(dir.path), ['verify'])).code).toBe(0);
      },
    ));

  it('when deleted, is simply rebuilt: same answers, verify passes', () =>
    onADamagedCopy(
      ({ readModels }) => deleteFile(readModels),
      'structure',
      async ({ dir, start }) => {
        const { engine, lines } = await start();
        expect(lines).toEqual([]);
        await engine.settle();
        expect(await readLeadsAndCustomers(engine, admin, leadIds)).toEqual(before);
        expect(await engine.store.headPosition()).toBe(head);
        expect((await cli(envFor(dir.path), ['verify'])).code).toBe(0);
      },
    ));

  it('when the snapshots are damaged, moves them aside too, and commands fold the streams from the log', () =>
    onADamagedCopy(
      ({ snapshots }) => overwriteHeader(snapshots),
      'structure',
      async ({ config, start }) => {
        const { engine, lines } = await start();
        expect(lines).toEqual([
          expect.stringMatching(new RegExp(`^${snapshotsFileFor(config.readModelsFile)} is damaged`)),
        ]);
        await engine.settle();
        // A second lead for the first customer is decided on the customer's stream, folded again.
        const [again] = await pushWalkInLeads(engine, admin, 1);
        const { body } = await engine.http().get(`/leads/${again}`).set('Authorization', admin).expect(200);
        expect(body.customerId).toBe((before.leads[leadIds[0]] as { customerId: string }).customerId);
      },
    ));
});
