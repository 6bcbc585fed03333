import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { type CountryCode, customerDecider, customerStreamId, identityKeysOf } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { idFromSeed, isRefusal } from '@leadledger/kernel';
import { leadDecider, leadStreamId, repDecider, repStreamId } from '@leadledger/leads';
import { type IssuedApiKey, issueApiKey, loadConfig, openEventStore } from '@leadledger/platform';
import { businessDay } from '@leadledger/projections';
import { poolDecider, poolStreamId } from '@leadledger/routing';
import { type WorkflowPolicy, processReceivedLead } from '@leadledger/workflows';
import { BENCH_POOL_ID, seedCommand, seedRepsAndPool } from '../intake/seed';
import { EXTRA_POOLS, LeadMix, type LeadSpec, STORE_REPS } from './mix';
import type { LogParams } from './params';

/** The service key every generated log holds, so the bench can push leads into an engine started on it. */
export const BENCH_SERVICE_SECRET = 'llk_leadledger-bench-service-key-not-a-secret-0001';
export const TIME_ZONE = 'UTC';
const COUNTRY: CountryCode = 'CN';
const POLICY: WorkflowPolicy = { timeZone: TIME_ZONE, defaultProtectionDays: 30, defaultProtectionWarningDays: 3 };
/** Business time of the generated log: leads arrive evenly over this span, ending when the build starts. */
const SPAN_MS = 3 * 24 * 3600_000;
/** Rough events per lead, to spread the leads over the span before knowing how many there will be. */
const EVENTS_PER_LEAD_ESTIMATE = 8;
const CHUNK = 512;

export interface Snapshot {
  readonly file: string;
  /** Pool-routed leads of the big pool when it was taken (0 for the fresh log). */
  readonly poolLeads: number;
  readonly events: number;
  readonly leads: number;
  readonly poolStreamEvents: number;
}

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

const adminContext = (occurredAt: string): CommandContext => ({
  actorId: 'bench-generator',
  actorRole: 'admin',
  occurredAt,
  correlationId: randomUUID(),
});

/** The bench's big pool (the intake bench's seed), two smaller pools, store reps, and a service key. */
export async function seedLog(store: EventStore, occurredAt: string): Promise<IssuedApiKey> {
  await seedRepsAndPool(store, TIME_ZONE);
  const context = adminContext(occurredAt);
  const day = businessDay(occurredAt, TIME_ZONE);
  const register = (repId: string, team: string) =>
    seedCommand(
      store,
      repStreamId(repId),
      repDecider,
      { kind: 'RegisterRep', repId, name: repId, email: `${repId}@example.cn`, team },
      context,
    );
  for (const pool of EXTRA_POOLS) {
    for (const repId of pool.reps) await register(repId, pool.poolId);
    await seedCommand(
      store,
      poolStreamId(pool.poolId),
      poolDecider,
      {
        kind: 'CreatePool',
        poolId: pool.poolId,
        name: pool.name,
        strategy: 'smooth-weighted-round-robin',
        acceptanceSlaMinutes: 60,
        protectionDays: 30,
        protectionWarningDays: 5,
      },
      context,
    );
    for (const [i, repId] of pool.reps.entries()) {
      const command = {
        kind: 'AddMember',
        poolId: pool.poolId,
        repId,
        weight: 1 + (i % 3),
        dailyCap: null,
        monthlyCap: null,
        day,
        month: day.slice(0, 7),
      } as const;
      await seedCommand(store, poolStreamId(pool.poolId), poolDecider, command, context);
    }
  }
  for (const repId of STORE_REPS) await register(repId, 'store');
  const issued = await issueApiKey(
    store,
    { name: 'bench service', role: 'service', repId: null, secret: BENCH_SERVICE_SECRET },
    adminContext(occurredAt),
  );
  if (isRefusal(issued)) throw new Error(`issuing the bench key was refused: ${issued.code}`);
  return issued;
}

const count = (outcomes: Record<string, number>, key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);

/**
 * One lead, the way the engine's POST /leads handler takes it (ReceiveLead on the lead's
 * stream, then the intake workflow), then what its rep does next: accept it, and sometimes
 * sometimes qualify it or log a follow-up with the customer, minutes later in business time.
 */
async function oneLead(store: EventStore, key: IssuedApiKey, spec: LeadSpec, outcomes: Record<string, number>) {
  const { keys, problems } = identityKeysOf(spec.contact, COUNTRY);
  if (problems.length > 0 || keys.length === 0) throw new Error(`lead ${spec.externalId}: bad contact`);
  const leadId = idFromSeed(`lead:external:${spec.externalId}`);
  const context: CommandContext = {
    actorId: `key:${key.keyId}`,
    actorRole: 'service',
    reason: null,
    occurredAt: spec.occurredAt,
    correlationId: randomUUID(),
    idempotencyKey: null,
  };
  const received = await handleCommand(
    store,
    leadStreamId(leadId),
    leadDecider,
    {
      kind: 'ReceiveLead',
      leadId,
      channel: spec.channel,
      contact: { ...spec.contact, company: null },
      identityKeys: keys,
      externalId: spec.externalId,
      receivedBy: spec.receivedBy,
      referralPartnerId: null,
      poolId: spec.poolId,
    },
    context,
  );
  if (isRefusal(received)) throw new Error(`lead ${spec.externalId}: ${received.code}`);
  await processReceivedLead(store, leadId, POLICY);

  const { state } = await loadState(store, leadStreamId(leadId), leadDecider);
  count(outcomes, `lead ${state.status}`);
  if (state.status !== 'assigned') return;
  const later = (minutes: number) => new Date(Date.parse(spec.occurredAt) + minutes * 60_000).toISOString();
  const repContext = (minutes: number): CommandContext => ({
    actorId: state.repId,
    actorRole: 'rep',
    reason: null,
    occurredAt: later(minutes),
    correlationId: randomUUID(),
    idempotencyKey: null,
  });
  const accepted = await handleCommand(
    store,
    leadStreamId(leadId),
    leadDecider,
    { kind: 'AcceptLead', repId: state.repId },
    repContext(3),
  );
  count(outcomes, isRefusal(accepted) ? `accept refused ${accepted.code}` : 'accepted');
  if (spec.qualify && !isRefusal(accepted)) {
    const qualified = await handleCommand(
      store,
      leadStreamId(leadId),
      leadDecider,
      { kind: 'QualifyLead', repId: state.repId, note: 'budget confirmed' },
      repContext(10),
    );
    count(outcomes, isRefusal(qualified) ? `qualify refused ${qualified.code}` : 'qualified');
  }
  if (!spec.followUp || !state.customerId) return;
  const followed = await handleCommand(
    store,
    customerStreamId(state.customerId),
    customerDecider,
    { kind: 'LogFollowUp', repId: state.repId, followUpKind: 'call', note: 'first call', at: later(20) },
    repContext(20),
    { retriesOnConflict: 20 },
  );
  count(outcomes, isRefusal(followed) ? `follow-up refused ${followed.code}` : 'followed up');
}

/** Runs `specs` with at most `concurrency` leads in flight. */
async function runChunk(
  store: EventStore,
  key: IssuedApiKey,
  specs: readonly LeadSpec[],
  concurrency: number,
  outcomes: Record<string, number>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < specs.length; i = next++) await oneLead(store, key, specs[i], outcomes);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
}

/** A consistent copy of the live file (the online backup API: page by page, WAL included). */
async function snapshot(source: string, target: string): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
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
