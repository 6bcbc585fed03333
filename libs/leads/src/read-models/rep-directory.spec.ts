import type { JsonObject, NewEvent } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { type ProjectionStatus, ReadModelDatabase, rebuildProjection } from '@leadledger/projections';
import { type RepEvent, repStreamId } from '../rep/rep.events';
import { repDirectoryProjection } from './rep-directory.projection';
import { getRep, listReps } from './rep-directory.query';

const at = (occurredAt: string, event: RepEvent): NewEvent => {
  const base = anEvent(event.type);
  return { ...base, data: event.data as unknown as JsonObject, metadata: { ...base.metadata, occurredAt } };
};
const registered = (repId: string, name: string, team: string): RepEvent => ({
  type: 'RepRegistered',
  data: { repId, name, email: `${repId}@example.cn`, team },
});

const streams: Record<string, NewEvent[]> = {
  'rep-wang': [
    at('2026-11-01T01:00:00.000Z', registered('rep-wang', '王芳', 'east')),
    at('2026-11-05T01:00:00.000Z', {
      type: 'RepHandOverRequested',
      data: { repId: 'rep-wang', toRepId: 'rep-li', reason: 'long leave', byActorId: 'key:mgr' },
    }),
    at('2026-11-20T08:00:00.000Z', {
      type: 'RepDeparted',
      data: { repId: 'rep-wang', mode: 'hand-off', successorRepId: 'rep-li', reason: 'resigned' },
    }),
  ],
  'rep-li': [at('2026-11-01T02:00:00.000Z', registered('rep-li', '李雷', 'east'))],
  'rep-zhao': [at('2026-11-02T02:00:00.000Z', registered('rep-zhao', '赵敏', 'north'))],
};

describe('rep directory', () => {
  const dir = tempDirectory('leadledger-rep-directory');
  let store: SqliteEventStore;
  let readModels: ReadModelDatabase;
  let built: ProjectionStatus;
  beforeAll(async () => {
    store = new SqliteEventStore({ file: dir.file('events.sqlite') });
    readModels = new ReadModelDatabase(dir.file('read.sqlite'));
    for (const [repId, events] of Object.entries(streams)) {
      await store.appendToStream(repStreamId(repId), events, { expectedRevision: 'no_stream' });
    }
    built = await rebuildProjection(store, readModels, repDirectoryProjection);
  });
  afterAll(async () => {
    readModels.close();
    await store.close();
    dir.remove();
  });

  it('shows an active rep as registered', () => {
    expect(getRep(readModels.db, 'rep-li')).toEqual({
      repId: 'rep-li',
      name: '李雷',
      email: 'rep-li@example.cn',
      team: 'east',
      status: 'active',
      registeredAt: '2026-11-01T02:00:00.000Z',
      departedAt: null,
      departureMode: null,
      successorRepId: null,
      departureReason: null,
    });
  });

  it('keeps a departed rep, with when, how and to whom', () => {
    expect(getRep(readModels.db, 'rep-wang')).toMatchObject({
      status: 'departed',
      departedAt: '2026-11-20T08:00:00.000Z',
      departureMode: 'hand-off',
      successorRepId: 'rep-li',
      departureReason: 'resigned',
    });
  });

  it('lists reps by team and status', () => {
    const ids = (filter: Parameters<typeof listReps>[1]) => listReps(readModels.db, filter).map((r) => r.repId);
    expect(ids({})).toEqual(['rep-li', 'rep-wang', 'rep-zhao']);
    expect(ids({ team: 'east' })).toEqual(['rep-li', 'rep-wang']);
    expect(ids({ team: 'east', status: 'active' })).toEqual(['rep-li']);
    expect(ids({ status: 'departed' })).toEqual(['rep-wang']);
    expect(ids({ team: 'south' })).toEqual([]);
  });

  it('knows nothing of an unknown rep', () => {
    expect(getRep(readModels.db, 'rep-404')).toBeNull();
  });

  it('shows under its name and version on /health, and rebuilds in place to the same reps', async () => {
    expect(built).toMatchObject({ name: 'rep-directory', version: '1', failure: null });
    const before = listReps(readModels.db);
    // A rebuild (the CLI's) drops the table first: registering the same three reps again must not collide.
    const again = await rebuildProjection(store, readModels, repDirectoryProjection);
    expect(again.failure).toBeNull();
    expect(listReps(readModels.db)).toEqual(before);
    expect(before).toHaveLength(3);
  });
});
