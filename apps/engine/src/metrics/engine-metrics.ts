import { statSync } from 'node:fs';
import { EventStore } from '@leadledger/event-store';
import type { EngineConfig } from '@leadledger/platform';
import { ProjectionRunner } from '@leadledger/projections';
import { ReactorRunner } from '@leadledger/workflows';
import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { ENGINE_CONFIG } from '../platform/tokens';
import { Scheduler } from '../scheduler/scheduler.service';
import { type LogConsumerLag, lagOf } from './log-consumer-lag';

/**
 * How often the event-loop lag histogram samples. prom-client's 10 ms default wakes an idle engine
 * a hundred times a second for it; a stall still shows in full at 100 ms (the sample that waited
 * behind it records the whole wait), and the idle engine wakes ten times a second.
 */
const EVENT_LOOP_SAMPLE_MS = 100;

/**
 * The engine's Prometheus series, in a registry of its own (not prom-client's global one, so
 * two engines in one process, as in the tests, keep theirs apart). Counts kept elsewhere (the
 * store's write path, the scheduler, the log consumers) are read when scraped.
 */
@Injectable()
export class EngineMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly latency: Histogram<'method' | 'route' | 'status'>;

  constructor(
    private readonly store: EventStore,
    private readonly projections: ProjectionRunner,
    private readonly reactors: ReactorRunner,
    private readonly scheduler: Scheduler,
    @Inject(ENGINE_CONFIG) private readonly config: EngineConfig,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'HTTP requests answered, by route pattern, method and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.latency = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Time from a request arriving to its answer being sent',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.countFrom(
      'leadledger_appends_total',
      'Appends by commands, each one transaction',
      () => store.activity.appends,
    );
    this.countFrom(
      'leadledger_appended_events_total',
      'Events appended by commands',
      () => store.activity.appendedEvents,
    );
    this.countFrom(
      'leadledger_append_conflicts_total',
      'Appends refused because another writer moved the stream first',
      () => store.activity.conflicts,
    );
    this.countFrom(
      'leadledger_command_retries_total',
      'Commands decided again after a lost race',
      () => store.activity.retries,
    );
    this.scheduledRuns();
    this.consumerLag();
    this.walSizes();
  }

  observeRequest(method: string, route: string, status: number, seconds: number): void {
    const labels = { method, route, status: String(status) };
    this.requests.inc(labels);
    this.latency.observe(labels, seconds);
  }

  /** A counter whose value another object keeps: set on each scrape. */
  private countFrom(name: string, help: string, read: () => number): void {
    new Counter({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  }

  private scheduledRuns(): void {
    const runs = this.scheduler.runs;
    new Counter({
      name: 'leadledger_scheduler_runs_total',
      help: 'Passes of the time-based rules, by outcome',
      labelNames: ['outcome'],
      registers: [this.registry],
      collect() {
        this.reset();
        this.inc({ outcome: 'completed' }, runs.completed);
        this.inc({ outcome: 'failed' }, runs.failed);
      },
    });
  }

  /** How far each projection and reactor is behind the log, in events and in seconds of the oldest it has not applied. */
  private consumerLag(): void {
    const lags = async (): Promise<LogConsumerLag[]> => {
      const consumers = [
        ...this.projections.status().map((p) => ({ kind: 'projection' as const, name: p.name, position: p.position })),
        ...this.reactors.status().map((r) => ({ kind: 'reactor' as const, name: r.name, position: r.position })),
      ];
      return lagOf(this.store, consumers, Date.now());
    };
    let latest: Promise<LogConsumerLag[]> | null = null;
    // Both gauges are filled from one read of the log per scrape.
    const scrape = () => (latest ??= lags().finally(() => setImmediate(() => (latest = null))));
    for (const [name, help, pick] of [
      [
        'leadledger_log_consumer_lag_events',
        'Events in the log a projection or reactor has not applied',
        (l: LogConsumerLag) => l.events,
      ],
      [
        'leadledger_log_consumer_lag_seconds',
        'Age of the oldest event a projection or reactor has not applied (0 when caught up)',
        (l: LogConsumerLag) => l.seconds,
      ],
    ] as const) {
      new Gauge({
        name,
        help,
        labelNames: ['kind', 'name'],
        registers: [this.registry],
        async collect() {
          this.reset();
          for (const lag of await scrape()) this.set({ kind: lag.kind, name: lag.name }, pick(lag));
        },
      });
    }
  }

  private walSizes(): void {
    const files = [
      ...(this.config.store.kind === 'sqlite' ? [['events', this.config.store.file] as const] : []),
      ['read-models', this.config.readModelsFile] as const,
    ];
    new Gauge({
      name: 'leadledger_sqlite_wal_bytes',
      help: "Size of a SQLite database's write-ahead log; it grows when checkpoints cannot keep up",
      labelNames: ['database'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [database, file] of files) this.set({ database }, walSize(file));
      },
    });
  }
}

function walSize(databaseFile: string): number {
  try {
    return statSync(`${databaseFile}-wal`).size;
  } catch {
    return 0;
  }
}
