import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureLogs } from '../log/cache';
import { machineInfo } from '../machine';
import { writeJson } from '../results';
import { withTempDir } from '../temp-dir';
import { runCli } from './cli-process';
import { type AgeingConfig, type PhaseName, readAgeingConfig } from './config';
import { CLI_MAIN, ENGINE_MAIN, EngineProcess } from './engine-process';
import { type AgeingResults, type IntakeAtAge, type Loops, printReport, resultsDocument } from './report';
import { EngineSession, type MeasuredPhase, load1, logSize, measureColdStart, measureIdle, useLog } from './sessions';
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

/** Loops (c): per client count, closed /health then closed /leads; then one open loop of /leads. */
async function loops(session: EngineSession, config: AgeingConfig): Promise<Loops> {
  const closed: Loops['closed'] = [];
  for (const clients of config.loopClients) {
    const health = await session.measure(`closed /health, ${clients} clients`, {
      endpoint: 'health',
      mode: 'closed',
      clients,
      count: config.loopHealthCount,
      maxSeconds: config.loopMaxSeconds,
    });
    const intake = await session.measure(`closed /leads, ${clients} clients`, {
      endpoint: 'intake',
      mode: 'closed',
      clients,
      count: config.loopIntakeCount,
      maxSeconds: config.loopMaxSeconds,
    });
    closed.push({ clients, health, intake });
    log(
      `  ${clients} clients: /health ${Math.round(health.figures.achievedPerSecond)} req/s, ` +
        `/leads ${intake.figures.achievedPerSecond.toFixed(1)} leads/s (p50 ${intake.figures.p50Ms.toFixed(1)} ms, p99 ${intake.figures.p99Ms.toFixed(1)} ms)`,
    );
  }
  const largest = closed.at(-1);
  let rate = config.openRate;
  let basis = 'BENCH_AGEING_OPEN_RATE';
  if (rate === 0 && largest) {
    const health = largest.health.figures.achievedPerSecond;
    const intake = largest.intake.figures.achievedPerSecond;
    const n = largest.clients;
    if (config.openBasis === 'health') {
      rate = health / 2;
      basis = `half the ${n}-client /health rate`;
    } else if (config.openBasis === 'intake') {
      rate = intake / 2;
      basis = `half the ${n}-client intake rate`;
    } else if (health / 8 <= intake) {
      rate = health / 8;
      basis = `half of 0.25x the ${n}-client /health rate (the issue's intake target)`;
    } else {
      // Offering more than the engine answers closed-loop only measures a queue that grows for the whole phase.
      rate = intake / 2;
      basis =
        `half the ${n}-client intake rate: half of 0.25x the /health rate (${(health / 8).toFixed(1)}/s) ` +
        `is more than the engine answered closed-loop (${intake.toFixed(1)}/s)`;
    }
  }
  rate = Math.max(0.1, Math.round(rate * 10) / 10);
  const open = await session.measure(`open /leads at ${rate}/s`, {
    endpoint: 'intake',
    mode: 'open',
    rate,
    seconds: config.openSeconds,
  });
  log(
    `  open loop at ${rate} leads/s (${basis}) for ${config.openSeconds} s: answered ${open.figures.achievedPerSecond.toFixed(1)}/s, ` +
      `p50 ${open.figures.p50Ms.toFixed(1)} ms, p99 ${open.figures.p99Ms.toFixed(1)} ms, errors ${open.figures.errors}`,
  );
  return { closed, open: { rate, basis, measured: open } };
}

/** An engine child on a copy of one cached log, caught up and warmed up, with its load driver. */
interface LiveEngine {
  readonly name: string;
  readonly dir: string;
  readonly events: number;
  readonly poolStreamEvents: number;
  /** Spawn to every read model and reactor at the head; the read models start empty, so this is a catch-up. */
  readonly catchUpMs: number;
  readonly session: EngineSession;
}

async function startOn(name: string, source: string, dir: string, config: AgeingConfig): Promise<LiveEngine> {
  mkdirSync(dir, { recursive: true });
  useLog(source, dir);
  const size = logSize(dir);
  const engine = await EngineProcess.start(dir);
  const session = new EngineSession(engine, dir, config.repeatPercent, log);
  try {
    const { ms: catchUpMs } = await engine.caughtUp();
    log(
      `  engine on ${name} (${size.events} events, pool stream ${size.poolStreamEvents}): ` +
        `caught up ${(catchUpMs / 1000).toFixed(1)} s after spawn`,
    );
    return { name, dir, ...size, catchUpMs, session };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/**
 * Intake (a): every engine up at once (idle apart from the one measured), `rounds` closed loops
 * of `intakeSeconds` each, the order rotated every round.
 */
async function intakeRounds(engines: readonly LiveEngine[], config: AgeingConfig): Promise<IntakeAtAge[]> {
  for (const e of engines) await e.session.warmUp(config.warmup);
  const rounds = new Map<LiveEngine, MeasuredPhase[]>(engines.map((e) => [e, []]));
  for (let round = 0; round < config.intakeRounds; round++) {
    const order = engines.map((_, i) => engines[(i + round) % engines.length]);
    for (const e of order) {
      const measured = await e.session.measure(`intake on ${e.name}`, {
        endpoint: 'intake',
        mode: 'closed',
        clients: config.intakeClients,
        count: 1_000_000,
        maxSeconds: config.intakeSeconds,
      });
      rounds.get(e)!.push(measured);
      log(
        `  round ${round + 1}/${config.intakeRounds}, ${e.name}: ${measured.figures.achievedPerSecond.toFixed(1)} leads/s, ` +
          `p50 ${measured.figures.p50Ms.toFixed(1)} ms, p99 ${measured.figures.p99Ms.toFixed(1)} ms (load ${measured.load1})`,
      );
    }
  }
  return engines.map((e) => ({
    name: e.name,
    events: e.events,
    poolStreamEvents: e.poolStreamEvents,
    catchUpMs: e.catchUpMs,
    rounds: rounds.get(e)!,
  }));
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
      full = await attempt('first start on the full log', () => startOn('full log', logs.full, fullDir, config));
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
        const live = await attempt(`start on ${name}`, () => startOn(name, source, join(root, `log-${i}`), config));
        if (live) others.push(live);
      }
      try {
        const engines = full ? [...others, full] : others;
        const atAge = await attempt('intake rounds', () => intakeRounds(engines, config));
        if (atAge) results.intake = atAge;
      } finally {
        for (const e of others) await e.session.close();
      }
    }
    if (full && has('loops')) {
      const session = full.session;
      if (!has('intake')) await session.warmUp(config.warmup);
      results.loops = await attempt('loops', () => loops(session, config));
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
        const events = logSize(fullDir).events;
        const rebuild = await runCli(['rebuild'], fullDir);
        log(
          `  rebuild: ${events} events in ${rebuild.seconds.toFixed(1)} s = ${Math.round(events / rebuild.seconds)} events/s, ` +
            `peak ${Math.round(rebuild.peakRssMiB)} MiB, exit ${rebuild.exitCode}`,
        );
        const verify = await runCli(['verify'], fullDir);
        log(
          `  verify: ${verify.seconds.toFixed(1)} s, peak ${Math.round(verify.peakRssMiB)} MiB, exit ${verify.exitCode}`,
        );
        for (const run of [rebuild, verify]) {
          if (run.exitCode !== 0) log(`  WARNING: ${run.args.join(' ')} exited ${run.exitCode}:\n${run.output}`);
        }
        results.cli = { events, rebuild, verify };
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
