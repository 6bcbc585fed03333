import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig, openEventStore } from '@leadledger/platform';
import { poolStreamId } from '@leadledger/routing';
import { BENCH_POOL_ID } from '../intake/seed';
import { TIME_ZONE } from './generated-log';
import { runChunk } from './lead-driver';
import { LeadMix, type LeadSpec } from './mix';
import type { LogParams } from './params';
import { seedLog } from './seed-log';
import { type Snapshot, snapshot } from './snapshots';

/** Business time of the generated log: leads arrive evenly over this span, ending when the build starts. */
const SPAN_MS = 3 * 24 * 3600_000;
/** Rough events per lead, to spread the leads over the span before knowing how many there will be. */
const EVENTS_PER_LEAD_ESTIMATE = 8;
const CHUNK = 512;

export interface BuildReport {
  readonly events: number;
  readonly leads: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly leadsPerSecond: number;
  readonly concurrency: number;
  readonly buildDir: string;
  /** What happened to the leads: accepted, followed up, refused commands, etc. */
  readonly outcomes: Record<string, number>;
  readonly eventTypes: Record<string, number>;
  readonly snapshots: readonly Snapshot[];
  readonly builtAt: string;
}

function eventTypes(file: string): Record<string, number> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC').all() as {
      type: string;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.type, r.n]));
  } finally {
    db.close();
  }
}

/**
 * Builds a log through the domain, in this process, with no HTTP and no engine: the seed, then
 * leads through the real intake workflow, `concurrency` at a time, until the log holds
 * `targetEvents` and the big pool has routed every checkpoint's number of leads. Writes
 * `fresh` (the seed only), one snapshot per checkpoint and `full` into `outDir`.
 */
export async function buildLog(
  params: LogParams,
  concurrency: number,
  buildDir: string,
  outDir: string,
  files: { fresh: string; full: string; checkpoint: (n: number) => string },
  log: (line: string) => void = console.log,
): Promise<BuildReport> {
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const config = loadConfig({ LEADLEDGER_DATA_DIR: buildDir, LEADLEDGER_TIMEZONE: TIME_ZONE });
  if (config.store.kind !== 'sqlite') throw new Error('the generator writes SQLite logs');
  const liveFile = config.store.file;
  const store = openEventStore(config);
  const builtAt = new Date();
  const snapshots: Snapshot[] = [];
  const outcomes: Record<string, number> = {};
  try {
    const lastAt = builtAt.getTime() - 60_000;
    const firstAt = lastAt - SPAN_MS;
    const key = await seedLog(store, new Date(firstAt - 3600_000).toISOString());
    let snapshotNs = 0n;
    const take = async (file: string, poolLeads: number, leads: number) => {
      const started = process.hrtime.bigint();
      const target = join(outDir, file);
      await snapshot(liveFile, target);
      const events = Number(await store.headPosition());
      const poolStreamEvents = (await store.readStream(poolStreamId(BENCH_POOL_ID))).length;
      snapshots.push({ file, poolLeads, events, leads, poolStreamEvents });
      log(`  snapshot ${file}: ${events} events, ${leads} leads, pool stream ${poolStreamEvents} events`);
      snapshotNs += process.hrtime.bigint() - started;
    };
    await take(files.fresh, 0, 0);

    const expectedLeads = Math.max(
      params.targetEvents / EVENTS_PER_LEAD_ESTIMATE,
      (params.poolCheckpoints.at(-1) ?? 0) / 0.6,
      1,
    );
    const mix = new LeadMix(firstAt, SPAN_MS / expectedLeads, lastAt);
    const pending = [...params.poolCheckpoints];
    snapshotNs = 0n;
    const start = process.hrtime.bigint();
    let leads = 0;
    let lastReport = 0;
    for (;;) {
      const head = Number(await store.headPosition());
      if (head >= params.targetEvents && pending.length === 0) break;
      const specs: LeadSpec[] = [];
      while (specs.length < CHUNK) {
        if (pending.length > 0 && mix.bigPoolRouted >= pending[0]) break;
        specs.push(mix.lead());
      }
      await runChunk(store, key, specs, concurrency, outcomes);
      leads += specs.length;
      const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
      if (elapsed - lastReport >= 10) {
        lastReport = elapsed;
        const now = Number(await store.headPosition());
        log(
          `  ${now} events, ${leads} leads (${mix.bigPoolRouted} routed by the big pool), ` +
            `${Math.round(now / elapsed)} events/s, ${Math.round(leads / elapsed)} leads/s`,
        );
      }
      while (pending.length > 0 && mix.bigPoolRouted >= pending[0]) {
        await take(files.checkpoint(pending[0]), pending[0], leads);
        pending.shift();
      }
    }
    // Snapshots are the bench's copies, not part of building the log.
    const seconds = Number(process.hrtime.bigint() - start - snapshotNs) / 1e9;
    const events = Number(await store.headPosition());
    await take(files.full, mix.bigPoolRouted, leads);
    return {
      events,
      leads,
      seconds,
      eventsPerSecond: events / seconds,
      leadsPerSecond: leads / seconds,
      concurrency,
      buildDir,
      outcomes,
      eventTypes: eventTypes(liveFile),
      snapshots,
      builtAt: builtAt.toISOString(),
    };
  } finally {
    await store.close();
  }
}
