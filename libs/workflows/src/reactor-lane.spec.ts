import { EventStoreUnavailableError, type StoredEvent, WrongExpectedRevisionError } from '@leadledger/event-store';
import { anEvent, tempDirectory } from '@leadledger/event-store/testing';
import { ReadModelDatabase } from '@leadledger/projections';
import { ReactorLane } from './reactor-lane';

const stored = (position: bigint): StoredEvent => ({
  ...anEvent('LeadReceived'),
  id: `e-${position}`,
  streamId: `lead-${position}`,
  revision: 0n,
  position,
  metadata: { ...anEvent('LeadReceived').metadata, recordedAt: '2026-11-30T00:00:00.000Z' },
});

describe('a reactor lane meeting trouble', () => {
  const dir = tempDirectory('leadledger-lane');
  afterAll(() => dir.remove());

  /** A lane whose reactor throws `errors` in turn, then succeeds; the pauses it takes are recorded. */
  const laneThrowing = (name: string, errors: unknown[]) => {
    const checkpoints = new ReadModelDatabase(dir.file(`${name}.sqlite`));
    const attempts: bigint[] = [];
    const pauses: number[] = [];
    const reactor = {
      name,
      eventTypes: ['LeadReceived'],
      handle: async (event: StoredEvent) => {
        attempts.push(event.position);
        const error = errors.shift();
        if (error) throw error;
      },
    };
    const lane = new ReactorLane(reactor, checkpoints, {
      backoff: { delayMs: (attempt) => attempt * 10 },
      sleep: async (ms) => void pauses.push(ms),
    });
    lane.prepare();
    return { lane, checkpoints, attempts, pauses };
  };

  it('tries again after a pause when another engine keeps winning the race, then moves on', async () => {
    const lost = new WrongExpectedRevisionError('pool-east', 4n, 5n);
    const { lane, checkpoints, attempts, pauses } = laneThrowing('racing', [lost, lost, lost]);
    lane.take([stored(1n), stored(2n)]);
    await lane.idle();
    expect(attempts).toEqual([1n, 1n, 1n, 1n, 2n]);
    expect(pauses).toEqual([10, 20, 30]);
    expect(lane.status()).toMatchObject({ state: 'running', position: 2n, failure: null });
    checkpoints.close();
  });

  it('waits out a store that cannot be reached', async () => {
    const down = new EventStoreUnavailableError('connection refused');
    const { lane, checkpoints, attempts } = laneThrowing('outage', [down, down]);
    lane.take([stored(3n)]);
    await lane.idle();
    expect(attempts).toEqual([3n, 3n, 3n]);
    expect(lane.status()).toMatchObject({ state: 'running', position: 3n });
    checkpoints.close();
  });

  it('fails at once on an error of the event or the code, and records it', async () => {
    const { lane, checkpoints, attempts, pauses } = laneThrowing('broken', [new TypeError('no repId')]);
    lane.take([stored(4n)]);
    await lane.idle();
    expect(attempts).toEqual([4n]);
    expect(pauses).toEqual([]);
    expect(lane.status()).toMatchObject({ state: 'failed', failure: { position: 4n, error: 'TypeError: no repId' } });
    checkpoints.close();
  });

  it('fails after eight attempts when the trouble does not pass', async () => {
    const lost = () => new WrongExpectedRevisionError('pool-east', 4n, 5n);
    const { lane, checkpoints, attempts } = laneThrowing('stuck', Array.from({ length: 20 }, lost));
    lane.take([stored(5n)]);
    await lane.idle();
    expect(attempts).toHaveLength(8);
    expect(lane.status()).toMatchObject({ state: 'failed', position: 0n });
    checkpoints.close();
  });

  it('stops trying when stopped, leaving the event to be handled again on restart', async () => {
    const checkpoints = new ReadModelDatabase(dir.file('stopped.sqlite'));
    const reactor = {
      name: 'stopped',
      eventTypes: ['LeadReceived'],
      handle: async () => {
        throw new EventStoreUnavailableError('connection refused');
      },
    };
    // The pause between attempts is where a stop arrives.
    const lane: ReactorLane = new ReactorLane(reactor, checkpoints, {
      backoff: { delayMs: () => 10 },
      sleep: async () => lane.stop(),
    });
    lane.prepare();
    lane.take([stored(6n)]);
    await lane.idle();
    expect(lane.status()).toMatchObject({ state: 'stopped', position: 0n, failure: null });
    expect(checkpoints.checkpoint('reactor:stopped')?.position).toBe(0n);
    checkpoints.close();
  });
});

describe('a reactor lane storing its position', () => {
  const dir = tempDirectory('leadledger-lane-store');
  afterAll(() => dir.remove());

  it('stores it every hundred reactions while events wait, and once its queue is empty', async () => {
    const checkpoints = new ReadModelDatabase(dir.file('busy.sqlite'));
    // What a crash at each reaction would leave on disk: the events after it are handled again.
    const storedWhenHandling = new Map<bigint, bigint | undefined>();
    const reactor = {
      name: 'busy',
      eventTypes: ['LeadReceived'],
      handle: async (event: StoredEvent) => {
        storedWhenHandling.set(event.position, checkpoints.checkpoint('reactor:busy')?.position);
      },
    };
    const lane = new ReactorLane(reactor, checkpoints);
    lane.prepare();
    lane.take(Array.from({ length: 250 }, (_, i) => stored(BigInt(i + 1))));
    await lane.idle();
    // 250 events queued at once: stored after the 100th and the 200th reaction, then at the end.
    expect(storedWhenHandling.get(100n)).toBe(0n);
    expect(storedWhenHandling.get(101n)).toBe(100n);
    expect(storedWhenHandling.get(250n)).toBe(200n);
    expect(checkpoints.checkpoint('reactor:busy')?.position).toBe(250n);
    checkpoints.close();
  });
});

describe('a reactor lane whose checkpoint file refuses writes', () => {
  const dir = tempDirectory('leadledger-lane-refused');
  afterAll(() => dir.remove());

  it('goes on handling, says so, and stores its position once the file takes writes again', async () => {
    const checkpoints = new ReadModelDatabase(dir.file('full.sqlite'));
    const handled: bigint[] = [];
    const refused: string[] = [];
    const reactor = {
      name: 'full',
      eventTypes: ['LeadReceived'],
      handle: async (e: StoredEvent) => void handled.push(e.position),
    };
    const lane = new ReactorLane(reactor, checkpoints, {
      onCheckpointWriteFailure: (name, error) => refused.push(`${name}: ${String(error)}`),
    });
    lane.prepare();
    // As a full disk would: every write fails until space is freed.
    const save = jest.spyOn(checkpoints, 'saveCheckpoint').mockImplementation(() => {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    });
    lane.take([stored(1n), stored(2n)]);
    await lane.idle();
    expect(handled).toEqual([1n, 2n]);
    expect(refused).toEqual(['full: Error: database or disk is full']);
    expect(lane.status()).toMatchObject({ state: 'running', position: 2n, failure: null });

    save.mockRestore();
    lane.take([stored(3n)]);
    await lane.idle();
    expect(checkpoints.checkpoint('reactor:full')?.position).toBe(3n);
    checkpoints.close();
  });

  it('still fails on an event it cannot handle when the failure cannot be written either', async () => {
    const checkpoints = new ReadModelDatabase(dir.file('failing.sqlite'));
    const refused: string[] = [];
    const reactor = {
      name: 'failing',
      eventTypes: ['LeadReceived'],
      handle: async () => {
        throw new TypeError('no repId');
      },
    };
    const lane = new ReactorLane(reactor, checkpoints, { onCheckpointWriteFailure: (name) => refused.push(name) });
    lane.prepare();
    jest.spyOn(checkpoints, 'recordFailure').mockImplementation(() => {
      throw new Error('database disk image is malformed');
    });
    lane.take([stored(4n)]);
    await lane.idle();
    expect(lane.status()).toMatchObject({ state: 'failed', failure: { position: 4n, error: 'TypeError: no repId' } });
    expect(refused).toEqual(['failing']);
    checkpoints.close();
  });
});
