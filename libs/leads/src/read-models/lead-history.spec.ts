import type { JsonObject, NewEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { type LeadEvent, leadStreamId } from '../lead/lead.events';
import { accepted, assignedToWang, received } from '../lead/lead.fixtures';
import { leadBoardProjection } from './lead-board.projection';
import { getLead } from './lead-board.query';

const stored = (event: LeadEvent): NewEvent => ({ ...anEvent(event.type), data: event.data as unknown as JsonObject });

describe('a lead’s history, read from its stream', () => {
  const dir = tempDirectory('leadledger-lead-history');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let test = 0;
  beforeEach(() => {
    test += 1;
    store = new SqliteEventStore({ file: dir.file(`events-${test}.sqlite`) });
    readModels = new ReadModelDatabase(dir.file(`read-${test}.sqlite`));
  });
  afterEach(async () => {
    readModels.close();
    await store.close();
  });
  afterAll(() => dir.remove());

  it('stops at the event the board has applied, so it never runs ahead of the status beside it', async () => {
    const [, assignment] = (
      await store.appendToStream(leadStreamId('lead-1'), [stored(received), stored(assignedToWang)], {
        expectedRevision: 'no_stream',
      })
    ).events;
    await store.appendToStream(leadStreamId('lead-1'), [stored(accepted)], { expectedRevision: 1n });

    await rebuildProjection(store, readModels, leadBoardProjection, assignment.position);
    const behind = (await getLead(readModels.db, store, 'lead-1'))!;
    expect(behind.status).toBe('assigned');
    expect(behind.history.map((h) => h.type)).toEqual(['LeadReceived', 'LeadAssigned']);

    await rebuildProjection(store, readModels, leadBoardProjection);
    const caughtUp = (await getLead(readModels.db, store, 'lead-1'))!;
    expect(caughtUp.status).toBe('accepted');
    expect(caughtUp.history.map((h) => h.type)).toEqual(['LeadReceived', 'LeadAssigned', 'LeadAccepted']);
  });

  it('is only the lead’s own stream: a lead event naming it from another stream is neither history nor status', async () => {
    await store.appendToStream(leadStreamId('lead-1'), [stored(received), stored(assignedToWang)], {
      expectedRevision: 'no_stream',
    });
    await store.appendToStream('lead-elsewhere', [stored(accepted)], { expectedRevision: 'no_stream' });

    await rebuildProjection(store, readModels, leadBoardProjection);
    const view = (await getLead(readModels.db, store, 'lead-1'))!;
    expect(view.status).toBe('assigned');
    expect(view.history.map((h) => h.type)).toEqual(['LeadReceived', 'LeadAssigned']);
  });

  it('drops the copy of every lead event that version 2 kept, when a file from before is opened', async () => {
    readModels.db.exec('CREATE TABLE lead_history (lead_id TEXT NOT NULL, seq INTEGER NOT NULL, data TEXT NOT NULL)');
    await rebuildProjection(store, readModels, leadBoardProjection);
    const tables = readModels.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
    expect(tables).not.toContainEqual({ name: 'lead_history' });
    expect(tables).toContainEqual({ name: 'lead_board' });
  });
});
