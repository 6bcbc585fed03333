import { commissionLedgerProjection, replayLine, sqlLedgerView } from '@leadledger/commissions';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ImportError, importLog } from '@leadledger/platform';
import { ReadModelDatabase, rebuildProjections } from '@leadledger/projections';
import { customerLinkedStreams, replayAssignment, timelineIndexProjection } from '@leadledger/timelines';
import type { Command } from 'commander';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { CliFailure, type CliIo } from '../cli-io';
import { assignmentReport, lineReport } from './replay-report';

interface ReplayOptions {
  readonly in?: string;
  readonly lead?: string;
  readonly assignment?: string;
  readonly line?: string;
  readonly json?: boolean;
}

/** Exit codes: 0 identical, 1 a difference, 2 bad usage, an unreadable export or nothing to replay. */
export function replayCommand(program: Command, io: CliIo): void {
  program
    .command('replay')
    .description(
      "replay a lead's assignment or a ledger line offline, on an exported log imported into a scratch store (exit 0 identical, 1 a difference, 2 bad usage or not found)",
    )
    .option('--in <file>', 'the export (NDJSON, as written by `export`) instead of standard input')
    .option('--lead <id>', "replay this lead's assignments (all of them, or the one --assignment names)")
    .option('--assignment <n>', 'with --lead: only the n-th assignment (1 = the first)')
    .option('--line <id>', 'replay this ledger line (<source event id>:<n>)')
    .option('--json', 'print the raw answer as JSON')
    .action((options: ReplayOptions) => replay(io, options));
}

function checkUsage(options: ReplayOptions): number | null {
  if ((options.lead === undefined) === (options.line === undefined))
    throw new CliFailure('replay needs exactly one of --lead <id> or --line <id>', 2);
  if (options.assignment === undefined) return null;
  if (options.lead === undefined) throw new CliFailure('--assignment goes with --lead', 2);
  if (!/^[1-9][0-9]{0,5}$/.test(options.assignment))
    throw new CliFailure('--assignment must be a whole number from 1 (1 = the first assignment)', 2);
  return Number(options.assignment);
}

async function replay(io: CliIo, options: ReplayOptions): Promise<void> {
  const assignment = checkUsage(options);
  const dir = mkdtempSync(join(tmpdir(), 'leadledger-replay-'));
  const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), clock: io.clock });
  try {
    await importInto(store, io, options.in);
    const identical =
      options.lead !== undefined
        ? await replayLead(store, io, options.lead, assignment, options.json === true)
        : await replayLedgerLine(store, io, dir, options.line!, options.json === true);
    if (!identical) throw new CliFailure('the replay differs from what was recorded', 1);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function importInto(store: SqliteEventStore, io: CliIo, file: string | undefined): Promise<void> {
  if (file !== undefined && !existsSync(file)) throw new CliFailure(`--in: no such file ${file}`, 2);
  const input = file === undefined ? io.stdin : createReadStream(file);
  try {
    await importLog(store, createInterface({ input, crlfDelay: Infinity }));
  } catch (error) {
    if (error instanceof ImportError) throw new CliFailure(`the export does not import: ${error.message}`, 2);
    throw error;
  }
}

async function replayLead(
  store: SqliteEventStore,
  io: CliIo,
  leadId: string,
  only: number | null,
  json: boolean,
): Promise<boolean> {
  const answers = [];
  for (let n = only ?? 1; only === null || n === only; n++) {
    const answer = await replayAssignment(store, leadId, n);
    if (!answer) break;
    answers.push(answer);
  }
  if (answers.length === 0)
    throw new CliFailure(
      only === null ? `lead ${leadId} has no assignment in the export` : `lead ${leadId} has no assignment ${only}`,
      2,
    );
  io.stdout(
    json
      ? `${JSON.stringify(only === null ? answers : answers[0], null, 2)}\n`
      : answers.map(assignmentReport).join('\n'),
  );
  return answers.every((a) => a.identical !== false);
}

async function replayLedgerLine(
  store: SqliteEventStore,
  io: CliIo,
  dir: string,
  lineId: string,
  json: boolean,
): Promise<boolean> {
  // The ledger and the timeline index, rebuilt from the export: the line as
  // the engine posted it, the rep's tier bases in the period, and the customer's sales.
  const readModels = new ReadModelDatabase(join(dir, 'read-models.sqlite'));
  try {
    await rebuildProjections(store, readModels, [commissionLedgerProjection, timelineIndexProjection]);
    const db = readModels.connection;
    const answer = await replayLine(
      {
        store,
        ledger: sqlLedgerView(db),
        customerSaleStreams: (customerId) => customerLinkedStreams(db, customerId),
      },
      lineId,
    );
    if (!answer) throw new CliFailure(`ledger line ${lineId} is not in the export's ledger`, 2);
    io.stdout(json ? `${JSON.stringify(answer, null, 2)}\n` : lineReport(answer));
    return answer.identical;
  } finally {
    readModels.close();
  }
}
