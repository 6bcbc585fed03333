import { join } from 'node:path';
import { ReadModelDatabase } from '@leadledger/projections';
import { CommissionBooks } from '../../../apps/engine/src/commissions/commissions.handlers';
import { machineInfo } from '../machine';
import { markdownTable } from '../markdown-table';
import { writeJson } from '../results';
import { median, seconds } from '../stats';
import { withTempDir } from '../temp-dir';
import { type ReconciliationBenchConfig, readReconciliationConfig } from './config';
import { type ReconciliationEngine, startEngine } from './engine';
import { formerReconciliation } from './former-reconciliation';
import { type Spread, healthWhile, longestBlock, spread, timed } from './measure';
import { SalesLog } from './sales-log';

const MONTHS = Array.from({ length: 12 }, (_, m) => `2025-${String(m + 1).padStart(2, '0')}`);
/** The open period after the year's runs: the warm calls' new sales land in it. */
const OPEN_PERIOD = '2026-01';
const SALES_BETWEEN_CALLS = 5;

interface SizeResult {
  readonly sales: number;
  readonly events: string;
  readonly buildSeconds: number;
  readonly first: {
    readonly ms: number;
    readonly longestBlockMs: number;
    readonly histogramMaxMs: number;
    readonly healthDuring: Spread;
  };
  readonly warm: Spread & { readonly longestBlockMs: number };
  readonly healthIdle: Spread;
  /** The longest event-loop delay over a second of doing nothing: this machine's noise floor. */
  readonly idleLongestBlockMs: number;
  readonly former: { readonly medianMs: number; readonly longestBlockMs: number; readonly calls: number } | null;
  readonly matches: boolean;
  readonly heapMiB: { readonly beforeFirst: number; readonly afterFirst: number };
}

const heapMiB = () => Math.round(process.memoryUsage().heapUsed / 2 ** 20);

async function reconcile(engine: ReconciliationEngine): Promise<boolean> {
  const res = await fetch(`${engine.baseUrl}/reconciliation?period=${OPEN_PERIOD}`, {
    headers: { Authorization: `Bearer ${engine.secret}` },
  });
  if (res.status !== 200) throw new Error(`GET /reconciliation answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { matches: boolean }).matches;
}

async function buildYear(engine: ReconciliationEngine, sales: number): Promise<SalesLog> {
  const log = new SalesLog(engine.store, engine.app.get(CommissionBooks));
  await log.start(sales);
  for (const [m, period] of MONTHS.entries()) {
    const count = Math.floor(((m + 1) * sales) / 12) - Math.floor((m * sales) / 12);
    await log.month(period, count);
    await log.payOut(period, MONTHS[m + 1] ?? OPEN_PERIOD);
    process.stdout.write(`  ${period}: ${count} sales, paid out\n`);
  }
  await engine.settle();
  return log;
}

async function measureSize(config: ReconciliationBenchConfig, sales: number): Promise<SizeResult> {
  return withTempDir(config.tempBase, `reconciliation-${sales}`, async (dir) => {
    const engine = await startEngine(dir);
    try {
      console.log(`${sales} sales: building the log`);
      const buildStart = process.hrtime.bigint();
      const log = await buildYear(engine, sales);
      const buildSeconds = seconds(buildStart);
      const events = (await engine.store.headPosition()).toString();
      console.log(`${sales} sales: ${events} events in ${buildSeconds.toFixed(1)} s; measuring`);

      const idle = await healthWhile(engine.baseUrl, () => new Promise((resolve) => setTimeout(resolve, 1000)));
      const quiet = await longestBlock(() => new Promise((resolve) => setTimeout(resolve, 1000)));
      const beforeFirst = heapMiB();
      const first = await longestBlock(() => healthWhile(engine.baseUrl, () => timed(() => reconcile(engine))));
      const afterFirst = heapMiB();
      let matches = first.value.value.value;

      const warmMs: number[] = [];
      let warmBlock = 0;
      for (let call = 0; call < config.calls; call++) {
        await log.month(OPEN_PERIOD, SALES_BETWEEN_CALLS);
        await engine.settle();
        const { blockMs, value } = await longestBlock(() => timed(() => reconcile(engine)));
        warmMs.push(value.ms);
        warmBlock = Math.max(warmBlock, blockMs);
        matches &&= value.value;
      }

      const formerMs: number[] = [];
      let formerBlock = 0;
      const readModels = engine.app.get(ReadModelDatabase);
      for (let call = 0; call < config.baselineCalls; call++) {
        const { blockMs, value } = await longestBlock(() =>
          timed(() => formerReconciliation(engine.store, readModels, OPEN_PERIOD)),
        );
        formerMs.push(value.ms);
        formerBlock = Math.max(formerBlock, blockMs);
      }

      return {
        sales,
        events,
        buildSeconds,
        first: {
          ms: first.value.value.ms,
          longestBlockMs: first.blockMs,
          histogramMaxMs: first.histogramMaxMs,
          healthDuring: first.value.health,
        },
        warm: { ...spread(warmMs), longestBlockMs: warmBlock },
        healthIdle: idle.health,
        idleLongestBlockMs: quiet.blockMs,
        former:
          formerMs.length > 0
            ? { medianMs: median(formerMs), longestBlockMs: formerBlock, calls: formerMs.length }
            : null,
        matches,
        heapMiB: { beforeFirst, afterFirst },
      };
    } finally {
      await engine.close();
    }
  });
}

const f1 = (n: number) => n.toFixed(1);

function report(results: readonly SizeResult[]): string {
  const header = [
    'sales',
    'events',
    'build s',
    'first ms',
    'first block ms',
    'warm p50 ms',
    'warm p95 ms',
    'warm block ms',
    'idle block ms',
    'health p99 idle/first ms',
    'former ms',
    'former block ms',
    'matches',
  ];
  const rows = results.map((r) => [
    String(r.sales),
    r.events,
    f1(r.buildSeconds),
    f1(r.first.ms),
    f1(r.first.longestBlockMs),
    f1(r.warm.p50Ms),
    f1(r.warm.p95Ms),
    f1(r.warm.longestBlockMs),
    f1(r.idleLongestBlockMs),
    `${f1(r.healthIdle.p99Ms)}/${f1(r.first.healthDuring.p99Ms)}`,
    r.former ? f1(r.former.medianMs) : '-',
    r.former ? f1(r.former.longestBlockMs) : '-',
    String(r.matches),
  ]);
  return markdownTable(header, rows, 0); // every column is a figure, sales included
}

/**
 * `npm run bench:reconciliation`: per log size, the real engine on SQLite; a year of sales
 * written through the domain; then GET /reconciliation cold (the control's one replay) and
 * warm (after a few more sales each time), the longest event-loop block, /health latency
 * meanwhile, and the former full replay as the baseline. Writes bench/results/reconciliation-latest.json.
 */
async function main(): Promise<void> {
  const config = readReconciliationConfig();
  const machine = machineInfo(config.tempBase);
  console.log(
    `reconciliation bench: sales ${config.sales.join(', ')}; ${config.calls} warm calls; temp ${config.tempBase}`,
  );
  const results: SizeResult[] = [];
  for (const sales of config.sales) {
    results.push(await measureSize(config, sales));
    console.log(`\n${report(results)}\n`);
  }
  const out = join(process.cwd(), 'bench', 'results', 'reconciliation-latest.json');
  writeJson(out, { period: OPEN_PERIOD, results, config, machine, finishedAt: new Date().toISOString() });
  console.log(`wrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
