import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { problemsPublishing } from './published-events-check';

describe('the check every e2e suite runs on its log', () => {
  const dir = tempDirectory('leadledger-publishing-check');
  afterAll(() => dir.remove());

  it('names an event whose data its published schema refuses, and lets fixtures of no domain through', async () => {
    const store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    try {
      const good = {
        ...anEvent('LeadMatchedToCustomer'),
        data: { leadId: 'L1', customerId: 'C1', isNewCustomer: true },
      };
      const bad = { ...anEvent('LeadMatchedToCustomer'), data: { leadId: 'L2', customerId: 42 } };
      await store.appendToStream('lead-L1', [good], { expectedRevision: 'no_stream' });
      await store.appendToStream('lead-L2', [bad], { expectedRevision: 'no_stream' });
      await store.appendToStream('call-1', [anEvent('CallLogged')], { expectedRevision: 'no_stream' });
      const problems = await problemsPublishing(store);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^leadledger\.lead\.matched-to-customer\.v1 at 2: .*customerId.*must be string/);
    } finally {
      await store.close();
    }
  });
});
