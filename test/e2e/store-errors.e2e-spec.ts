import {
  AppendOutcomeUnknownError,
  AppendTooLargeError,
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedRevisionError,
} from '@leadledger/event-store';
import { type EngineHarness, startEngine } from './support/engine-harness';

describe('a command whose write the event store fails', () => {
  let engine: EngineHarness;
  let manager: string;
  beforeAll(async () => {
    engine = await startEngine();
    manager = `Bearer ${await engine.key('manager')}`;
  });
  afterEach(() => delete (engine.store as { appendToStream?: unknown }).appendToStream);
  afterAll(async () => engine.close());

  /** Every append fails as the adapter reports `error` (the store's own method comes back after the test). */
  const appendsFailWith = (error: () => Error) => {
    Object.assign(engine.store, { appendToStream: () => Promise.reject(error()) });
  };
  const register = () =>
    engine.http().post('/reps').set('Authorization', manager).send({ name: '李雷', email: 'li@example.cn', team: 'n' });

  it.each([
    ['the store unreachable', () => new EventStoreUnavailableError('EventStoreDB unavailable'), 'StoreUnavailable'],
    ['the answer lost', () => new AppendOutcomeUnknownError('rep-1', {}), 'WriteOutcomeUnknown'],
  ])('%s: 503 with Retry-After, saying what to do', async (_, error, code) => {
    appendsFailWith(error);
    const answer = await register().expect(503);
    expect(answer.headers['retry-after']).toBe('2');
    expect(answer.body).toMatchObject({ statusCode: 503, code, message: expect.stringMatching(/retry/i) });
  });

  it('a lost race on every retry: 409, nothing written', async () => {
    appendsFailWith(() => new WrongExpectedRevisionError('rep-1', 'no_stream', 0n));
    const answer = await register().expect(409);
    expect(answer.body).toMatchObject({ code: 'ConcurrentUpdate', current: { streamId: 'rep-1', revision: '0' } });
    expect(answer.headers['retry-after']).toBeUndefined();
  });

  it('a write over the store’s size limit: 413 naming the size', async () => {
    appendsFailWith(() => new AppendTooLargeError('rep-1', 2_000_000, 1_048_576));
    const answer = await register().expect(413);
    expect(answer.body.message).toMatch(/2000000 bytes, the store's limit of 1048576 bytes/);
  });

  it('a stream an operator deleted in the store: 410', async () => {
    appendsFailWith(() => new StreamDeletedError('rep-1'));
    expect((await register().expect(410)).body).toMatchObject({ code: 'StreamDeleted' });
  });

  it('once the store writes again, the same request succeeds', async () => {
    await register().expect(201);
  });
});
