import { tempDirectory } from '@leadledger/event-store/testing';
import { ManualClock } from '@leadledger/kernel';
import { readFileSync, writeFileSync } from 'node:fs';
import { cli } from './support/cli-harness';
import { type EngineHarness, startEngine } from './support/engine-harness';
import { createPool, registerReps } from './support/sales-team';

/**
 * `leadledger replay` on an exported log, offline: the export imported into a scratch store,
 * the same replays the API answers, a report in words or the raw answer with --json, and the
 * exit code saying identical (0), a difference (1) or bad usage / nothing to replay (2).
 */
describe('the CLI replaying decisions from an export', () => {
  const clock = new ManualClock('2026-10-01T01:00:00.000Z');
  const dir = tempDirectory('leadledger-cli-replay');
  let engine: EngineHarness;
  let exported: string;
  let leadId: string;
  let tieredLine: string;
  let zeroRateCrossing: string;

  beforeAll(async () => {
    engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
    const admin = `Bearer ${await engine.key('admin')}`;
    const post = (path: string, body: object) => engine.http().post(path).set('Authorization', admin).send(body);
    await registerReps(engine, admin, ['rep-a', 'rep-b']);
    const terms = { acceptanceSlaMinutes: 24 * 60, protectionDays: 60, protectionWarningDays: 5 };
    await createPool(engine, admin, { poolId: 'web', ...terms, members: [{ repId: 'rep-a' }, { repId: 'rep-b' }] });
    // New company-provided customers pay 0%: their sales credit the rep's tier base but post no line.
    await post('/commission-plans', {
      planId: 'plan',
      version: 1,
      effectiveFrom: '2026-10-01T00:00:00+08:00',
      currency: 'CNY',
      basis: 'booked',
      ratesBps: { 'new-rep-sourced': 800, 'new-company-provided': 0, existing: 300 },
      newCustomerWindowDays: 90,
      clawbackWindowDays: 60,
      tiers: [{ aboveMinor: 1_000_000, multiplierBps: 15_000 }],
    }).expect(201);

    clock.set('2026-10-02T02:00:00.000Z');
    const web = (await post('/leads', { channel: 'web-form', contact: { phone: '13900000101' }, poolId: 'web' })).body;
    leadId = web.leadId;
    const walkIn = (
      await post('/leads', { channel: 'walk-in', receivedBy: 'rep-a', contact: { phone: '13900000102' } })
    ).body;
    const ofA = (
      await post('/leads', { channel: 'rep-sourced', receivedBy: 'rep-a', contact: { phone: '13900000103' } })
    ).body;
    const ofB = (
      await post('/leads', { channel: 'rep-sourced', receivedBy: 'rep-b', contact: { phone: '13900000104' } })
    ).body;
    await engine.settle();
    const sale = (externalId: string, customerId: string, amount: number, closedAt: string, rep: string) =>
      post('/sales', { externalId, customerId, amount, currency: 'CNY', closedAt, closingRepId: rep }).expect(201);
    clock.set('2026-10-20T02:00:00.000Z');
    // rep-b's own customer at 8%: 20,000.00 crosses 10,000.00, the second half at x1.5.
    const ofRepB = (await sale('SO-1', ofB.customerId, 2_000_000, '2026-10-04T10:00:00+08:00', 'rep-b')).body;
    tieredLine = ofRepB.commissionLines.find((l: { multiplierBps: number }) => l.multiplierBps === 15_000).lineId;
    // rep-a's walk-in: 8,000.00 at 0%, credited to rep-a's tier base without a line; then rep-a's own
    // customer at 8%, whose 20,000.00 after those 8,000.00 crosses 10,000.00 at 2,000.00.
    await sale('SO-2', walkIn.customerId, 800_000, '2026-10-05T10:00:00+08:00', 'rep-a');
    const ofRepA = (await sale('SO-3', ofA.customerId, 2_000_000, '2026-10-06T10:00:00+08:00', 'rep-a')).body;
    zeroRateCrossing = ofRepA.commissionLines[0].lineId;
    await engine.settle();

    exported = `${dir.path}/log.ndjson`;
    const env = { LEADLEDGER_DATA_DIR: engine.dataDir, LEADLEDGER_TIMEZONE: 'UTC' };
    expect((await cli(env, ['export', '--out', exported])).code).toBe(0);
  });
  afterAll(async () => {
    await engine.close();
    dir.remove();
  });

  const replay = (args: string[], stdin = '') => cli({}, ['replay', ...args], stdin);

  it("replays a lead's assignments from the export: identical, exit 0", async () => {
    const run = await replay(['--in', exported, '--lead', leadId]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`lead ${leadId}, assignment 1: identical`);
    expect(run.stdout).toContain('by pool-rotation');

    const json = await replay(['--in', exported, '--lead', leadId, '--assignment', '1', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ leadId, assignment: 1, identical: true, differences: [] });
  });

  it('replays a ledger line from the export, read from standard input, with its steps', async () => {
    const run = await replay(['--line', tieredLine], readFileSync(exported, 'utf8'));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`ledger line ${tieredLine}: identical`);
    expect(run.stdout).toMatch(
      / {4}tier +rep-b had 0.00 credited in 2026-10 before this event \(nothing earlier, from the ledger's tier history\), 20,000.00 after it/,
    );
    expect(run.stdout).toContain('differences: none');

    const json = await replay(['--in', exported, '--line', tieredLine, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      lineId: tieredLine,
      identical: true,
      inputs: { tierBase: { repId: 'rep-b', period: '2026-10', base: 0, setAtPosition: null }, limits: [] },
    });
  });

  it('exits 1 on a difference: a pool weight edited in the export changes the rotation the replay sees', async () => {
    const edited = readFileSync(exported, 'utf8')
      .trim()
      .split('\n')
      .map((line) => {
        const event = JSON.parse(line);
        delete event.hash; // an edited export carries no chain (import checks one where it is present)
        if (event.type === 'PoolMemberAdded' && event.data.repId === 'rep-b') event.data.weight = 5;
        return JSON.stringify(event);
      })
      .join('\n');
    const file = `${dir.path}/edited.ndjson`;
    writeFileSync(file, `${edited}\n`);
    const run = await replay(['--in', file, '--lead', leadId]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`lead ${leadId}, assignment 1: DIFFERS`);
    expect(run.stderr).toBe('the replay differs from what was recorded\n');
  });

  it("reads the tier base from the ledger's tier history when a credit posted no line, and replays it identical", async () => {
    const run = await replay(['--in', exported, '--line', zeroRateCrossing]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`ledger line ${zeroRateCrossing}: identical`);
    expect(run.stdout).toContain("tier base: 8,000.00 before this line, from the ledger's tier history");
  });

  it('exits 2 on bad usage, an unreadable export, or nothing to replay', async () => {
    const usage = async (args: string[], message: string | RegExp) => {
      const run = await replay(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
    };
    await usage(['--in', exported], 'replay needs exactly one of --lead <id> or --line <id>');
    await usage(['--in', exported, '--lead', leadId, '--line', tieredLine], 'exactly one of');
    await usage(['--in', exported, '--lead', leadId, '--assignment', '0'], '--assignment must be a whole number');
    await usage(['--in', exported, '--line', tieredLine, '--assignment', '1'], '--assignment goes with --lead');
    await usage(['--in', `${dir.path}/missing.ndjson`, '--lead', leadId], '--in: no such file');
    await usage(['--in', exported, '--lead', 'no-such-lead'], 'lead no-such-lead has no assignment in the export');
    await usage(['--in', exported, '--lead', leadId, '--assignment', '7'], `lead ${leadId} has no assignment 7`);
    await usage(['--in', exported, '--line', 'e1:0'], "ledger line e1:0 is not in the export's ledger");
    const garbage = `${dir.path}/garbage.ndjson`;
    writeFileSync(garbage, 'not json\n');
    await usage(['--in', garbage, '--lead', leadId], /the export does not import: line 1: not valid JSON/);
  });
});
