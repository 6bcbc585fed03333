import { SqliteEventStore } from '@leadledger/event-store-sqlite';
import { isRefusal } from '@leadledger/kernel';
import type { CommandContext } from './command-context';
import { commandEventId } from './command-event-ids';
import { AppendOutcomeUnknownError } from './event-store.errors';
import type { EventStore } from './event-store.port';
import { handleCommand } from './handle-command';
import { notebookDecider, tempDirectory } from './testing';

const context: CommandContext = {
  actorId: 'finance-1',
  actorRole: 'finance',
  occurredAt: '2026-11-02T09:30:00.000Z',
  correlationId: 'corr-7',
  idempotencyKey: 'adjust-42',
};

const adjusted = { type: 'CommissionAdjusted', data: { amount: 12_000 } };

describe('event ids derived from the command', () => {
  it('are the same for the same append, and a UUID', () => {
    const id = commandEventId(context, 'commission-periods', 4n, 0, adjusted);
    expect(
      commandEventId({ ...context, correlationId: 'another request' }, 'commission-periods', 4n, 0, adjusted),
    ).toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('differ for another event, stream, expected revision, key or actor', () => {
    const id = commandEventId(context, 'commission-periods', 4n, 0, adjusted);
    const others = [
      commandEventId(context, 'commission-periods', 4n, 1, adjusted),
      commandEventId(context, 'lead-1', 4n, 0, adjusted),
      commandEventId(context, 'commission-periods', 5n, 0, adjusted),
      commandEventId(context, 'commission-periods', 'no_stream', 0, adjusted),
      commandEventId({ ...context, idempotencyKey: 'adjust-43' }, 'commission-periods', 4n, 0, adjusted),
      commandEventId({ ...context, actorId: 'finance-2' }, 'commission-periods', 4n, 0, adjusted),
    ];
    expect(new Set([id, ...others]).size).toBe(7);
  });

  it('differ for another decision under the same command at the same revision, so it meets a conflict, not a false repeat', () => {
    const otherwise = { type: 'CommissionAdjusted', data: { amount: 13_000 } };
    expect(commandEventId(context, 'commission-periods', 4n, 0, otherwise)).not.toBe(
      commandEventId(context, 'commission-periods', 4n, 0, adjusted),
    );
  });

  it('come from the request’s correlation id when the command carries no key', () => {
    const unkeyed = { ...context, idempotencyKey: null };
    expect(commandEventId(unkeyed, 's', 0n, 0, adjusted)).toBe(commandEventId(unkeyed, 's', 0n, 0, adjusted));
    expect(commandEventId(unkeyed, 's', 0n, 0, adjusted)).not.toBe(
      commandEventId({ ...unkeyed, correlationId: 'c' }, 's', 0n, 0, adjusted),
    );
  });
});

/** Commits every append, then, the first `times` times, loses the answer (as a deadline after the commit would). */
class AnswerLosingStore extends SqliteEventStore {
  lost = 0;
  constructor(
    file: string,
    private times: number,
    private readonly readsFail = false,
  ) {
    super({ file });
  }
  override async appendToStream(...args: Parameters<EventStore['appendToStream']>) {
    const result = await super.appendToStream(...args);
    if (this.times-- <= 0) return result;
    this.lost++;
    throw new AppendOutcomeUnknownError(args[0], { cause: new Error('deadline exceeded') });
  }
  override async readStream(...args: Parameters<EventStore['readStream']>) {
    if (this.readsFail && this.lost > 0) throw new Error('still unreachable');
    return super.readStream(...args);
  }
}

describe('a command whose append’s answer was lost, on SQLite', () => {
  const dir = tempDirectory('leadledger-unknown-outcome');
  afterAll(() => dir.remove());

  it('is answered once, with the events the store holds, written once', async () => {
    const store = new AnswerLosingStore(dir.file(`events-${Math.random()}.sqlite`), 1);
    const outcome = await handleCommand(store, 'notes-1', notebookDecider, { text: 'adjust' }, context);
    if (isRefusal(outcome)) throw new Error(outcome.message);
    expect(store.lost).toBe(1);
    const stored = await store.readStream('notes-1');
    expect(stored.map((e) => e.data)).toEqual([{ text: 'adjust', number: 1 }]);
    expect(outcome.events.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    expect(outcome.state).toBe(1);
    await store.close();
  });

  it('an append the store never wrote is sent again with the same ids, and answered once', async () => {
    const file = dir.file(`events-${Math.random()}.sqlite`);
    const sent: string[][] = [];
    const store = new (class extends SqliteEventStore {
      override async appendToStream(...args: Parameters<EventStore['appendToStream']>) {
        sent.push(args[1].map((e) => e.id ?? ''));
        if (sent.length === 1) throw new AppendOutcomeUnknownError(args[0], { cause: new Error('dropped') });
        return super.appendToStream(...args);
      }
    })({ file });
    const outcome = await handleCommand(store, 'notes-1', notebookDecider, { text: 'adjust' }, context);
    expect(isRefusal(outcome)).toBe(false);
    expect((await store.readStream('notes-1')).map((e) => e.data)).toEqual([{ text: 'adjust', number: 1 }]);
    expect(sent[1]).toEqual(sent[0]);
    await store.close();
  });

  it('answers "outcome unknown" when the store cannot be read back either', async () => {
    const store = new AnswerLosingStore(dir.file(`events-${Math.random()}.sqlite`), 1, true);
    const handled = handleCommand(store, 'notes-1', notebookDecider, { text: 'adjust' }, context);
    await expect(handled).rejects.toBeInstanceOf(AppendOutcomeUnknownError);
    await store.close();
  });
});
