import { ConfigurationError, loadConfig } from './engine-config';

describe('engine configuration', () => {
  it('runs on SQLite under ./data with the documented defaults', () => {
    expect(loadConfig({})).toEqual({
      store: { kind: 'sqlite', file: 'data/events.sqlite' },
      readModelsFile: 'data/read-models.sqlite',
      port: 3000,
      host: '0.0.0.0',
      defaultCountry: 'CN',
      timeZone: 'Asia/Shanghai',
      bootstrapAdminKey: null,
      shutdownTimeoutMs: 10000,
      defaultProtectionDays: 30,
      defaultProtectionWarningDays: 3,
      reclaimCoolDownDays: 7,
      schedulerIntervalMs: 60000,
      saleRequiresLead: false,
      revealOwnerToReps: false,
      bodyLimitBytes: 102400,
      corsOrigins: [],
      logLevel: 'info',
      authFailuresPerMinute: 20,
      startupCheck: 'structure',
      webhooks: {
        masterKey: null,
        masterKeyFile: 'data/webhook-master.key',
        allowPrivate: false,
        delivering: true,
        maxAttempts: 12,
        backoffBaseMs: 1000,
        backoffMaxMs: 900000,
        attemptTimeoutMs: 10000,
        rotationGraceHours: 24,
      },
      eventSource: 'urn:leadledger',
      sseHeartbeatMs: 15000,
      sseMaxBufferBytes: 1048576,
    });
  });

  it('reads the protection warning and the reclaim cool-down in whole days', () => {
    const config = loadConfig({
      LEADLEDGER_DEFAULT_PROTECTION_DAYS: '15',
      LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS: '5',
      LEADLEDGER_RECLAIM_COOL_DOWN_DAYS: '0',
    });
    expect(config).toMatchObject({
      defaultProtectionDays: 15,
      defaultProtectionWarningDays: 5,
      reclaimCoolDownDays: 0,
    });
  });

  it('refuses a warning that does not come before the protection ends, and part or negative days', () => {
    expect(() =>
      loadConfig({ LEADLEDGER_DEFAULT_PROTECTION_DAYS: '10', LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS: '10' }),
    ).toThrow('LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS: must be fewer days than LEADLEDGER_DEFAULT_PROTECTION_DAYS');
    expect(() => loadConfig({ LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS: '2.5' })).toThrow(
      /LEADLEDGER_DEFAULT_PROTECTION_WARNING_DAYS: /,
    );
    expect(() => loadConfig({ LEADLEDGER_RECLAIM_COOL_DOWN_DAYS: '-1' })).toThrow(
      /LEADLEDGER_RECLAIM_COOL_DOWN_DAYS: /,
    );
  });

  it('runs the scheduler every minute unless told otherwise, and not at all at 0', () => {
    expect(loadConfig({ LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' }).schedulerIntervalMs).toBe(0);
    expect(() => loadConfig({ LEADLEDGER_SCHEDULER_INTERVAL_MS: 'often' })).toThrow(
      /LEADLEDGER_SCHEDULER_INTERVAL_MS: /,
    );
  });

  it('delivers webhooks unless told off, and takes nothing but on or off', () => {
    expect(loadConfig({ LEADLEDGER_WEBHOOK_DELIVERY: 'off' }).webhooks.delivering).toBe(false);
    expect(() => loadConfig({ LEADLEDGER_WEBHOOK_DELIVERY: 'no' })).toThrow(/LEADLEDGER_WEBHOOK_DELIVERY: /);
  });

  it('reads the HTTP edge settings: body limit, CORS allow-list, log level', () => {
    const config = loadConfig({
      LEADLEDGER_BODY_LIMIT_BYTES: '20000',
      LEADLEDGER_CORS_ORIGINS: 'https://crm.example.cn, http://localhost:5173',
      LOG_LEVEL: 'warn',
      LEADLEDGER_AUTH_FAILURES_PER_MINUTE: '5',
    });
    expect(config).toMatchObject({
      bodyLimitBytes: 20000,
      corsOrigins: ['https://crm.example.cn', 'http://localhost:5173'],
      logLevel: 'warn',
      authFailuresPerMinute: 5,
    });
    expect(() => loadConfig({ LEADLEDGER_CORS_ORIGINS: '*' })).toThrow(
      'LEADLEDGER_CORS_ORIGINS.0: must be a comma-separated list of http(s) origins',
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL: /);
  });

  it('refuses an offset for LEADLEDGER_TIMEZONE, on every Node: it is not a zone', () => {
    expect(() => loadConfig({ LEADLEDGER_TIMEZONE: '+08:00' })).toThrow(
      'LEADLEDGER_TIMEZONE: must be an IANA time zone such as Asia/Shanghai',
    );
  });

  it('refuses a weak admin key: long but of one kind of character', () => {
    expect(() => loadConfig({ LEADLEDGER_ADMIN_KEY: 'a'.repeat(40) })).toThrow(
      'LEADLEDGER_ADMIN_KEY: must mix at least 3 of lower case, upper case, digits and symbols (has 1)',
    );
  });

  it('selects EventStoreDB when a connection string is set', () => {
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' });
    // The server's default MaxAppendSize, 1 MiB, unless the operator says the server was set otherwise.
    expect(config.store).toEqual({
      kind: 'eventstoredb',
      connectionString: 'esdb://localhost:2113?tls=false',
      maxAppendBytes: 1_048_576,
    });
  });

  it("takes the server's MaxAppendSize when it was raised, up to the server's own maximum of 16 MiB", () => {
    const raised = loadConfig({
      EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113',
      EVENTSTORE_MAX_APPEND_BYTES: '8388608',
    });
    expect(raised.store).toMatchObject({ maxAppendBytes: 8_388_608 });
    expect(() =>
      loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113', EVENTSTORE_MAX_APPEND_BYTES: '33554432' }),
    ).toThrow(/EVENTSTORE_MAX_APPEND_BYTES/);
  });

  it('stays on SQLite when asked to, connection string or not', () => {
    const config = loadConfig({ LEADLEDGER_STORE: 'sqlite', EVENTSTORE_CONNECTION_STRING: 'esdb://x:2113' });
    expect(config.store.kind).toBe('sqlite');
  });

  it('names every bad variable and what is wrong with it', () => {
    const attempt = () =>
      loadConfig({
        LEADLEDGER_STORE: 'eventstoredb',
        PORT: '70000',
        LEADLEDGER_TIMEZONE: 'Europe/Atlantis',
        LEADLEDGER_DEFAULT_COUNTRY: 'china',
        LEADLEDGER_ADMIN_KEY: 'short',
      });
    expect(attempt).toThrow(ConfigurationError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigurationError).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^PORT: /),
          'LEADLEDGER_TIMEZONE: must be an IANA time zone such as Asia/Shanghai',
          'LEADLEDGER_DEFAULT_COUNTRY: must be an ISO 3166-1 alpha-2 code such as CN',
          'LEADLEDGER_ADMIN_KEY: must be at least 32 characters',
        ]),
      );
    }
  });

  it('requires a connection string for EventStoreDB, and an esdb:// one', () => {
    expect(() => loadConfig({ LEADLEDGER_STORE: 'eventstoredb' })).toThrow(
      'EVENTSTORE_CONNECTION_STRING: is required when LEADLEDGER_STORE=eventstoredb',
    );
    expect(() => loadConfig({ EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113' })).toThrow(
      'EVENTSTORE_CONNECTION_STRING: must start with esdb:// or esdb+discover://',
    );
  });
});
