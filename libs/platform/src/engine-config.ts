import { join } from 'node:path';
import { z } from 'zod';
import { isIanaTimeZone } from '@leadledger/kernel';
import { adminKeyWeakness } from './admin-key-strength';

/** Every setting the engine and the CLI read, by environment variable. */
const environmentSchema = z
  .object({
    LEADLEDGER_STORE: z.enum(['sqlite', 'eventstoredb']).optional(),
    LEADLEDGER_DATA_DIR: z.string().min(1).default('./data'),
    LEADLEDGER_EVENTS_FILE: z.string().min(1).optional(),
    LEADLEDGER_READ_MODELS_FILE: z.string().min(1).optional(),
    EVENTSTORE_CONNECTION_STRING: z
      .string()
      .regex(/^esdb(\+discover)?:\/\//, 'must start with esdb:// or esdb+discover://')
      .optional(),
    // The server's MaxAppendSize, where it was configured other than the default 1 MiB (its maximum is 16 MiB).
    EVENTSTORE_MAX_APPEND_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(16 * 1024 * 1024)
      .default(1024 * 1024),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LEADLEDGER_HOST: z.string().min(1).default('0.0.0.0'),
    LEADLEDGER_DEFAULT_COUNTRY: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as CN')
      .default('CN'),
    LEADLEDGER_TIMEZONE: z
      .string()
      .refine(isIanaTimeZone, 'must be an IANA time zone such as Asia/Shanghai')
      .default('Asia/Shanghai'),
    LEADLEDGER_ADMIN_KEY: z
      .string()
      .superRefine((key, context) => {
        const weakness = adminKeyWeakness(key);
        if (weakness) context.addIssue({ code: 'custom', message: weakness });
      })
      .optional(),
    LEADLEDGER_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
    LEADLEDGER_DEFAULT_PROTECTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS: z.coerce.number().int().min(0).max(3650).default(3),
    LEADLEDGER_RECLAIM_COOL_DOWN_DAYS: z.coerce.number().int().min(0).max(3650).default(7),
    LEADLEDGER_SCHEDULER_INTERVAL_MS: z.coerce.number().int().min(0).default(60000),
    LEADLEDGER_SALE_REQUIRES_LEAD: z.enum(['true', 'false']).default('false'),
    LEADLEDGER_REVEAL_OWNER_TO_REPS: z.enum(['true', 'false']).default('false'),
    LEADLEDGER_BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(100 * 1024),
    LEADLEDGER_CORS_ORIGINS: z
      .string()
      .default('')
      .transform((list) =>
        list
          .split(',')
          .map((origin) => origin.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be a comma-separated list of http(s) origins' }))),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LEADLEDGER_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
    LEADLEDGER_STARTUP_CHECK: z.enum(['structure', 'full']).default('structure'),
    LEADLEDGER_WEBHOOK_MASTER_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
    LEADLEDGER_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
    LEADLEDGER_WEBHOOK_DELIVERY: z.enum(['on', 'off']).default('on'),
    LEADLEDGER_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(12),
    LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().min(1).default(1000),
    LEADLEDGER_WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().min(1).default(900000),
    LEADLEDGER_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
    LEADLEDGER_WEBHOOK_ROTATION_GRACE_HOURS: z.coerce.number().int().min(0).max(8760).default(24),
    LEADLEDGER_EVENT_SOURCE: z
      .string()
      .regex(
        /^[a-z][a-z0-9+.-]*:\S+$|^\/\S*$/i,
        'must be a URI such as urn:leadledger:acme or https://crm.acme.cn/leadledger',
      )
      .default('urn:leadledger'),
    LEADLEDGER_SSE_HEARTBEAT_MS: z.coerce.number().int().min(10).default(15000),
    LEADLEDGER_SSE_MAX_BUFFER_BYTES: z.coerce
      .number()
      .int()
      .min(16 * 1024)
      .default(1024 * 1024),
  })
  .refine((env) => env.LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS < env.LEADLEDGER_DEFAULT_PROTECTION_DAYS, {
    message: 'must be fewer days than LEADLEDGER_DEFAULT_PROTECTION_DAYS',
    path: ['LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS'],
  })
  .refine((env) => env.LEADLEDGER_STORE !== 'eventstoredb' || env.EVENTSTORE_CONNECTION_STRING, {
    message: 'is required when LEADLEDGER_STORE=eventstoredb',
    path: ['EVENTSTORE_CONNECTION_STRING'],
  });

export interface EngineConfig {
  readonly store:
    | { readonly kind: 'sqlite'; readonly file: string }
    | {
        readonly kind: 'eventstoredb';
        readonly connectionString: string;
        /** The server's MaxAppendSize: a larger append is refused before it is sent. */
        readonly maxAppendBytes: number;
      };
  readonly readModelsFile: string;
  readonly port: number;
  readonly host: string;
  readonly defaultCountry: string;
  readonly timeZone: string;
  readonly bootstrapAdminKey: string | null;
  readonly shutdownTimeoutMs: number;
  /** Protection (保护期) for an owner made outside any pool: a walk-in receiver, a sourcing rep. */
  readonly defaultProtectionDays: number;
  /** How many days before such a protection ends the 流失预警 is due. */
  readonly defaultProtectionWarningDays: number;
  /** Days a rep whose customer was released must wait before claiming it back (0: at once). */
  readonly reclaimCoolDownDays: number;
  /** How often the scheduler applies the time-based rules (acceptance expiry, protection warning and release); 0: never. */
  readonly schedulerIntervalMs: number;
  /** Contracts only pushed down from a lead (Kingdee style): a sale without its originating lead is refused. */
  readonly saleRequiresLead: boolean;
  /** What a rep learns of a colleague's customer: always that it is taken; the owner and protection end only if true. */
  readonly revealOwnerToReps: boolean;
  /** The largest request body taken, after decompression; more is 413. */
  readonly bodyLimitBytes: number;
  /** Origins a browser may call from (CORS); none by default. */
  readonly corsOrigins: readonly string[];
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Failed authentications one client address may make per minute before it is answered 429. */
  readonly authFailuresPerMinute: number;
  /** How much of each SQLite file the start-up check reads: see CheckDepth in sqlite-file-check.ts. */
  readonly startupCheck: 'structure' | 'full';
  /** Webhook delivery: see docs/integration.md, "Webhooks". */
  readonly webhooks: WebhookSettings;
  /** The CloudEvents `source` of every published event: which engine, for a subscriber that hears several. */
  readonly eventSource: string;
  /** How often an idle event stream (SSE) sends a comment, so proxies keep it open. */
  readonly sseHeartbeatMs: number;
  /** Bytes an event stream may have waiting for a slow client before it is disconnected. */
  readonly sseMaxBufferBytes: number;
}

export interface WebhookSettings {
  /** Signing secrets are derived from this; null: from `masterKeyFile`, made once if missing. */
  readonly masterKey: string | null;
  readonly masterKeyFile: string;
  /** Lets subscriptions call loopback, link-local and private addresses (tests, closed networks). */
  readonly allowPrivate: boolean;
  /**
   * False on an engine that must not call anyone: a copy of the data directory for a restore
   * test, a staging engine on a production export. Subscriptions are kept, nothing is sent.
   */
  readonly delivering: boolean;
  /** Failed attempts at one event before the subscription is marked failing and stops. */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly attemptTimeoutMs: number;
  /** How long a rotated-out secret still signs deliveries, beside the new one. */
  readonly rotationGraceHours: number;
}

/** Bad configuration, with one line per variable and what is wrong with it. */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigurationError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const kind = e.LEADLEDGER_STORE ?? (e.EVENTSTORE_CONNECTION_STRING ? 'eventstoredb' : 'sqlite');
  return {
    store:
      kind === 'eventstoredb'
        ? { kind, connectionString: e.EVENTSTORE_CONNECTION_STRING!, maxAppendBytes: e.EVENTSTORE_MAX_APPEND_BYTES }
        : { kind, file: e.LEADLEDGER_EVENTS_FILE ?? join(e.LEADLEDGER_DATA_DIR, 'events.sqlite') },
    readModelsFile: e.LEADLEDGER_READ_MODELS_FILE ?? join(e.LEADLEDGER_DATA_DIR, 'read-models.sqlite'),
    port: e.PORT,
    host: e.LEADLEDGER_HOST,
    defaultCountry: e.LEADLEDGER_DEFAULT_COUNTRY,
    timeZone: e.LEADLEDGER_TIMEZONE,
    bootstrapAdminKey: e.LEADLEDGER_ADMIN_KEY ?? null,
    shutdownTimeoutMs: e.LEADLEDGER_SHUTDOWN_TIMEOUT_MS,
    defaultProtectionDays: e.LEADLEDGER_DEFAULT_PROTECTION_DAYS,
    defaultProtectionWarningDays: e.LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS,
    reclaimCoolDownDays: e.LEADLEDGER_RECLAIM_COOL_DOWN_DAYS,
    schedulerIntervalMs: e.LEADLEDGER_SCHEDULER_INTERVAL_MS,
    saleRequiresLead: e.LEADLEDGER_SALE_REQUIRES_LEAD === 'true',
    revealOwnerToReps: e.LEADLEDGER_REVEAL_OWNER_TO_REPS === 'true',
    bodyLimitBytes: e.LEADLEDGER_BODY_LIMIT_BYTES,
    corsOrigins: e.LEADLEDGER_CORS_ORIGINS,
    logLevel: e.LOG_LEVEL,
    authFailuresPerMinute: e.LEADLEDGER_AUTH_FAILURES_PER_MINUTE,
    startupCheck: e.LEADLEDGER_STARTUP_CHECK,
    webhooks: {
      masterKey: e.LEADLEDGER_WEBHOOK_MASTER_KEY ?? null,
      masterKeyFile: join(e.LEADLEDGER_DATA_DIR, 'webhook-master.key'),
      allowPrivate: e.LEADLEDGER_WEBHOOK_ALLOW_PRIVATE === 'true',
      delivering: e.LEADLEDGER_WEBHOOK_DELIVERY === 'on',
      maxAttempts: e.LEADLEDGER_WEBHOOK_MAX_ATTEMPTS,
      backoffBaseMs: e.LEADLEDGER_WEBHOOK_BACKOFF_BASE_MS,
      backoffMaxMs: e.LEADLEDGER_WEBHOOK_BACKOFF_MAX_MS,
      attemptTimeoutMs: e.LEADLEDGER_WEBHOOK_TIMEOUT_MS,
      rotationGraceHours: e.LEADLEDGER_WEBHOOK_ROTATION_GRACE_HOURS,
    },
    eventSource: e.LEADLEDGER_EVENT_SOURCE,
    sseHeartbeatMs: e.LEADLEDGER_SSE_HEARTBEAT_MS,
    sseMaxBufferBytes: e.LEADLEDGER_SSE_MAX_BUFFER_BYTES,
  };
}
