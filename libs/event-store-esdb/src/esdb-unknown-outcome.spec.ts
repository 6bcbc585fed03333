import { status as GrpcStatus } from '@grpc/grpc-js';
import { AppendOutcomeUnknownError, type CommandContext, handleCommand } from '@leadledger/event-store';
import { anEvent, notebookDecider } from '@leadledger/event-store/testing';
import { isRefusal } from '@leadledger/kernel';
import { EsdbEventStore } from './esdb-event-store';
import { FakeEsdbServer } from './testing/fake-esdb-server';
import { callFailure, commitTimeoutReply } from './testing/recorded-replies';

const context: CommandContext = {
  actorId: 'finance-1',
  actorRole: 'finance',
  occurredAt: '2026-11-02T09:30:00.000Z',
  correlationId: 'corr-7',
  idempotencyKey: 'adjust-42',
};

function engineOn(server: FakeEsdbServer) {
  const store = new EsdbEventStore({ client: server.client });
  const adjust = () => handleCommand(store, 'notes-1', notebookDecider, { text: 'adjust' }, context);
  const notes = async () => (await store.readStream('notes-1')).map((e) => e.data);
  return { store, adjust, notes };
}

describe('EventStoreDB: a write whose answer is lost', () => {
  it.each([
    ['the deadline passes', callFailure(GrpcStatus.DEADLINE_EXCEEDED, 'Deadline Exceeded')],
    ['the server’s commit timeout', commitTimeoutReply('notes-1')],
  ])('committed, then %s: the command answers once, with the one note written', async (_, lost) => {
    const server = new FakeEsdbServer();
    const { adjust, notes } = engineOn(server);
    server.failNextAppend(lost, { committed: true });
    const outcome = await adjust();
    if (isRefusal(outcome)) throw new Error(outcome.message);
    expect(await notes()).toEqual([{ text: 'adjust', number: 1 }]);
    expect(outcome.events.map((e) => e.data)).toEqual([{ text: 'adjust', number: 1 }]);
    expect(server.appendsReceived).toHaveLength(1);
  });

  it('not written, as a read back shows: the same append is sent again, and the command answers once', async () => {
    const server = new FakeEsdbServer();
    const { adjust, notes } = engineOn(server);
    server.failNextAppend(callFailure(GrpcStatus.UNAVAILABLE, 'Connection dropped'), { committed: false });
    expect(isRefusal(await adjust())).toBe(false);
    expect(await notes()).toEqual([{ text: 'adjust', number: 1 }]);
    const [lost, resent] = server.appendsReceived;
    expect(resent.map((e) => e.id)).toEqual(lost.map((e) => e.id));
  });

  it('not known, the stream unreadable too: 503 "outcome unknown"; the client’s retry writes it once', async () => {
    const server = new FakeEsdbServer();
    const { adjust, notes } = engineOn(server);
    const dropped = callFailure(GrpcStatus.UNAVAILABLE, 'Connection dropped');
    server.failNextAppend(dropped, { committed: false });
    const append = server.appendToStream;
    server.appendToStream = (...args) => {
      // The read back after this append fails as well: the node is gone for a moment.
      server.failNextStreamReads(callFailure(GrpcStatus.UNAVAILABLE, 'No connection established'));
      server.appendToStream = append;
      return append(...args);
    };
    await expect(adjust()).rejects.toBeInstanceOf(AppendOutcomeUnknownError);
    expect(await notes()).toEqual([]);
    expect(isRefusal(await adjust())).toBe(false);
    expect(await notes()).toEqual([{ text: 'adjust', number: 1 }]);
  });

  it('the same ids sent again at the same expected revision are the same append: answered, not written twice', async () => {
    const server = new FakeEsdbServer();
    const { store } = engineOn(server);
    const event = { ...anEvent('NoteWritten', { text: 'adjust' }), id: '0b8c5c1e-8a3f-4a8e-9d7b-1c2d3e4f5a6b' };
    const first = await store.appendToStream('notes-1', [event], { expectedRevision: 'no_stream' });
    const again = await store.appendToStream('notes-1', [event], { expectedRevision: 'no_stream' });
    expect(again).toEqual(first);
    expect(await store.readStream('notes-1')).toHaveLength(1);
  });
});
