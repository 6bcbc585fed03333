import { eventStoreContract } from '@leadledger/event-store/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';

eventStoreContract('SQLite', {
  hashChain: 'kept',
  multiStreamAppend: 'atomic',
  create: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'leadledger-store-'));
    const store = new SqliteEventStore({ file: join(dir, 'events.sqlite'), pollIntervalMs: 10 });
    return {
      store,
      dispose: async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
});
