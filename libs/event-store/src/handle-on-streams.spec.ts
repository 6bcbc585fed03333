import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { CrashingStore, notebookDecider, tempDirectory } from '@leadledger/event-store/testing';
import { refuse } from '@leadledger/kernel';
import type { CommandContext } from './command-context';
import type { StreamAppend } from './event-store.port';
import { handleCommandsTogether } from './handle-command';
import { handleOnStreamsAtOnce, onStream } from './handle-on-streams';
import { loadState } from './load-state';

const context: CommandContext = {
  actorId: 'svc-intake',
  actorRole: 'service',
  reason: null,
  occurredAt: '2026-11-02T09:30:00.000Z',
  correlationId: 'corr-7',
  causationId: null,
  idempotencyKey: null,
};

/** A notebook that refuses a note saying "refuse", as a business rule would. */
const strictNotebook: typeof notebookDecider = {
  ...notebookDecider,
  decide: (command, notes) =>
    command.text === 'refuse' ? refuse('NoteRefused', 'Not this note', {}) : notebookDecider.decide(command, notes),
};

/** The real SQLite store, able to let another writer in just before its next append to several streams. */
class ObservedStore extends SqliteEventStore {
  beforeNextAppend: (() => Promise<void>) | null = null;

  override async appendToStreams(appends: readonly StreamAppend[]) {
    const before = this.beforeNextAppend;
    this.beforeNextAppend = null;
    await before?.();
    return super.appendToStreams(appends);
  }
}

const logOf = async (store: SqliteEventStore) =>
  (await store.readAll()).map((e) => `${e.streamId}#${e.revision} ${e.data.text}/${e.data.number}`);

describe('commands for several streams taken in one append', () => {
  const dir = tempDirectory('leadledger-on-streams');
  afterAll(() => dir.remove());
  const opened: SqliteEventStore[] = [];
  const open = (name: string): ObservedStore => {
    const store = new ObservedStore({ file: dir.file(name) });
    opened.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
  });

  it('writes every stream as handleCommandsTogether would, with the same event ids, in one append', async () => {
    const store = open('together.sqlite');
    await handleCommandsTogether(store, 'notes-b', notebookDecider, [{ text: 'earlier' }], context);
    const appendsBefore = store.activity.appends;

    const written = await handleOnStreamsAtOnce(
      store,
      [
        onStream('notes-a', notebookDecider, { text: 'one' }, { text: 'two' }),
        onStream('notes-b', notebookDecider, { text: 'three' }),
      ],
      context,
    );

    expect(written).toBe(true);
    expect(store.activity.appends - appendsBefore).toBe(1);
    expect(await logOf(store)).toEqual([
      'notes-b#0 earlier/1',
      'notes-a#0 one/1',
      'notes-a#1 two/2',
      'notes-b#1 three/2',
    ]);
    // The same commands one stream at a time, on a store of their own, give the same ids.
    const apart = open('apart.sqlite');
    await handleCommandsTogether(apart, 'notes-b', notebookDecider, [{ text: 'earlier' }], context);
    await handleCommandsTogether(apart, 'notes-a', notebookDecider, [{ text: 'one' }, { text: 'two' }], context);
    await handleCommandsTogether(apart, 'notes-b', notebookDecider, [{ text: 'three' }], context);
    const ids = async (s: SqliteEventStore) => (await s.readAll()).map((e) => e.id).sort();
    expect(await ids(store)).toEqual(await ids(apart));
    // The states it leaves in the cache are those a fresh read folds.
    expect((await loadState(store, 'notes-a', notebookDecider)).state).toBe(2);
    expect((await loadState(open('together.sqlite'), 'notes-b', notebookDecider)).state).toBe(2);
  });

  it('writes nothing when one command is refused, leaving the caller to go one stream at a time', async () => {
    const store = open('refused.sqlite');
    const written = await handleOnStreamsAtOnce(
      store,
      [onStream('notes-a', strictNotebook, { text: 'fine' }), onStream('notes-b', strictNotebook, { text: 'refuse' })],
      context,
    );
    expect(written).toBe(false);
    expect(await logOf(store)).toEqual([]);
  });

  it('writes nothing when another engine on the file appended to a stream in between, and decides again on its events', async () => {
    const store = open('two-engines.sqlite');
    const other = open('two-engines.sqlite');
    const notes = (text: string) => [
      onStream('notes-a', notebookDecider, { text }),
      onStream('notes-b', notebookDecider, { text }),
    ];
    await handleOnStreamsAtOnce(store, notes('first'), context);
    // Both streams are now cached in `store`; the other engine writes to one of them just before its next append.
    store.beforeNextAppend = async () => {
      await handleCommandsTogether(other, 'notes-b', notebookDecider, [{ text: 'other engine' }], context);
    };

    expect(await handleOnStreamsAtOnce(store, notes('second'), context)).toBe(false);
    expect(await logOf(store)).toEqual(['notes-a#0 first/1', 'notes-b#0 first/1', 'notes-b#1 other engine/2']);
    expect(store.activity.conflicts).toBe(1);

    expect(await handleOnStreamsAtOnce(store, notes('second'), context)).toBe(true);
    expect((await logOf(store)).slice(3)).toEqual(['notes-a#1 second/2', 'notes-b#2 second/3']);
  });

  it('leaves a store that writes one stream at a time to the caller, reading and writing nothing', async () => {
    const real = open('one-at-a-time.sqlite');
    const oneAtATime = new CrashingStore(real, Number.POSITIVE_INFINITY, false);
    const written = await handleOnStreamsAtOnce(
      oneAtATime,
      [onStream('notes-a', notebookDecider, { text: 'x' })],
      context,
    );
    expect(written).toBe(false);
    expect(oneAtATime.streamStates.get('notes-a', notebookDecider)).toBeUndefined();
    expect(await logOf(real)).toEqual([]);
  });

  it('answers true and writes nothing when every command decides no event', async () => {
    const idle: typeof notebookDecider = { ...notebookDecider, decide: () => [] };
    const store = open('nothing.sqlite');
    expect(await handleOnStreamsAtOnce(store, [onStream('notes-a', idle, { text: 'x' })], context)).toBe(true);
    expect(await logOf(store)).toEqual([]);
  });
});
