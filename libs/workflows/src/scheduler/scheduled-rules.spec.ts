import { anEvent, events, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type DueWork, runScheduledRules } from './scheduled-rules';

describe('a scheduled pass', () => {
  const dir = tempDirectory('leadledger-scheduler');
  afterAll(() => dir.remove());

  it('asks what is due only once the read models reached what the log held when it began', async () => {
    const store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    await store.appendToStream('lead-1', [anEvent('LeadReceived'), ...events(2)], { expectedRevision: 'no_stream' });
    const head = await store.headPosition();
    // The order of the questions is what matters: a list read before the wait could miss the last writes.
    const asked: string[] = [];
    const due: DueWork = {
      caughtUpTo: async (position) => void asked.push(`caught up to ${position}`),
      leadsDueForAcceptanceExpiry: () => (asked.push('leads due'), []),
      customersDueForWarning: () => (asked.push('warnings due'), []),
      customersDueForRelease: () => (asked.push('releases due'), []),
      poolsWithQueuedLeads: () => (asked.push('queues'), []),
    };
    const policy = { timeZone: 'Asia/Shanghai', defaultProtectionDays: 30, defaultProtectionWarningDays: 3 };
    const run = await runScheduledRules(store, due, '2026-11-30T01:00:00.000Z', policy);
    expect(asked).toEqual([`caught up to ${head}`, 'leads due', 'warnings due', 'releases due', 'queues']);
    expect(run).toEqual({
      at: '2026-11-30T01:00:00.000Z',
      expiredLeads: [],
      warnedCustomers: [],
      releasedCustomers: [],
      drainedLeads: [],
    });
    await store.close();
  });
});
