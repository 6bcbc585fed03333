import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLogs } from '../log/cache';
import { machineInfo } from '../machine';
import { writeJson } from '../results';
import { withTempDir } from '../temp-dir';
import { measureColdStart } from './cold-start';
import { CLI_MAIN, ENGINE_MAIN } from './compiled-apps';
import { type PhaseName, readAgeingConfig } from './config';
import { useLog } from './data-dir';
import { measureIdle } from './idle';
import { intakeRounds } from './intake-rounds';
import { type LiveEngine, startOn } from './live-engine';
import { load1 } from './load-average';
import { loops } from './loops';
import { printReport } from './print-report';
import { rebuildAndVerify } from './rebuild-verify';
import type { AgeingResults } from './results';
import { resultsDocument } from './results-document';
import { storeReads } from './store-reads';

const log = (line: string) => console.log(line);

/** What failed, by phase: the run goes on with the other phases and the results say what is missing. */
const failures: Array<{ phase: string; error: string }> = [];

async function attempt<T>(phase: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ phase, error: message.slice(0, 4000) });
    log(`FAILED: ${phase}: ${message.slice(0, 4000)}`);
    return undefined;
  }
}

/**
 * `npm run bench:ageing`: the engine at age. Builds (or takes from the cache) logs made through
 * the domain, then measures each workload against a baseline of the same run. Writes
 * bench/results/ageing-latest.json.
 */
async function main(): Promise<void> {
  const config = readAgeingConfig();
  const machine = machineInfo(config.tempBase);
  const has = (p: PhaseName) => config.phases.has(p);
  const startedAt = new Date();
  const loadAtStart = load1();
  log(
    `leadledger ageing bench: phases ${[...config.phases].join(', ')}; log of ${config.log.targetEvents} events, ` +
      `snapshots at ${config.log.poolCheckpoints.join(', ') || 'no'} pool leads`,
  );
  log(
    `machine: ${machine.cpus} x ${machine.cpuModel}, ${machine.memoryMiB} MiB, node ${machine.node}, load ${loadAtStart}`,
  );
  if (typeof machine.disk !== 'string' && machine.disk.type === 'tmpfs') {
    log('WARNING: the data directories are on tmpfs, where fsync costs nothing; set BENCH_TMPDIR to a real disk.');
  }
  if (!existsSync(ENGINE_MAIN) || !existsSync(CLI_MAIN)) {
    throw new Error(`${ENGINE_MAIN} or ${CLI_MAIN} is missing: run \`npm run build\` first`);
  }

  const logs = await ensureLogs(config.log, config.build, log);
  const results: Partial<AgeingResults> = {};

  await withTempDir(config.tempBase, 'ageing', async (root) => {
    if (has('store')) {
      log('store reads (ours vs raw better-sqlite3 on the same file):');
      const dir = join(root, 'store');
      mkdirSync(dir);
      results.store = await attempt('store reads', () =>
        storeReads(logs.full, dir, config.storeSeconds, config.storeRounds, log),
      );
      rmSync(dir, { recursive: true, force: true });
    }

    const fullDir = join(root, 'full');
    let full: LiveEngine | undefined;
    if (has('intake') || has('idle') || has('loops') || has('coldstart')) {
      log('the full log:');
      const loadAtFirstStart = load1();
      full = await attempt('first start on the full log', () => startOn('full log', logs.full, fullDir, config, log));
      if (full) results.firstStart = { caughtUpMs: full.catchUpMs, events: full.events, load1: loadAtFirstStart };
    }
    if (full && has('idle')) {
      const engine = full.session.engine;
      results.idle = await attempt('idle', () => measureIdle(engine, config));
      const idle = results.idle;
      if (idle) {
        log(
          `  idle: ${idle.cpuPercentOfOneCore.toFixed(2)}% of a core over ${idle.seconds.toFixed(1)} s; ` +
            `/health p50 ${idle.health.p50Ms.toFixed(2)} ms, p99 ${idle.health.p99Ms.toFixed(2)} ms (${idle.health.requests} sequential)`,
        );
      }
    }
    if (has('intake')) {
      log('intake into the big pool, closed loop, every log at once:');
      const others: LiveEngine[] = [];
      const named: Array<[string, string]> = [
        ['fresh', logs.fresh],
        ...config.log.poolCheckpoints.map((n): [string, string] => [`${n} pool leads`, logs.checkpoint(n)]),
      ];
      for (const [i, [name, source]] of named.entries()) {
        const live = await attempt(`start on ${name}`, () =>
          startOn(name, source, join(root, `log-${i}`), config, log),
        );
        if (live) others.push(live);
      }
      try {
        const engines = full ? [...others, full] : others;
        const atAge = await attempt('intake rounds', () => intakeRounds(engines, config, log));
        if (atAge) results.intake = atAge;
      } finally {
        for (const e of others) await e.session.close();
      }
    }
    if (full && has('loops')) {
      const session = full.session;
      if (!has('intake')) await session.warmUp(config.warmup);
      results.loops = await attempt('loops', () => loops(session, config, log));
    }
    if (full) await full.session.close();

    if (has('coldstart')) {
      if (!full) {
        mkdirSync(fullDir, { recursive: true });
        useLog(logs.full, fullDir);
      }
      results.coldStart = await attempt('cold start', () => measureColdStart(fullDir, log));
    }
    if (has('cli')) {
      if (!existsSync(join(fullDir, 'events.sqlite'))) {
        mkdirSync(fullDir, { recursive: true });
        useLog(logs.full, fullDir);
      }
      await attempt('rebuild and verify', async () => {
        results.cli = await rebuildAndVerify(fullDir, log);
      });
    }
  });

  const document = resultsDocument({
    config,
    machine,
    logs,
    results,
    failures,
    startedAt,
    load: { atStart: loadAtStart, atEnd: load1() },
  });
  printReport(document, log);
  const out = process.env.BENCH_AGEING_OUT || join(process.cwd(), 'bench', 'results', 'ageing-latest.json');
  writeJson(out, document);
  log(`\nwrote ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
