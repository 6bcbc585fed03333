import { verifyHashChain } from '@leadledger/event-store';
import { tempDirectory } from '@leadledger/event-store/testing';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SqliteEventStore } from './sqlite-event-store';

const run = promisify(execFile);
const WRITERS = 4;
const EACH = 40;

describe('SQLite event store shared by several processes', () => {
  const dir = tempDirectory('leadledger-multi-process');
  afterAll(() => dir.remove());

  it('keeps one winner per revision, loses no event, and numbers positions without gaps, in one hash chain', async () => {
    const file = dir.file('events.sqlite');
    const root = join(__dirname, '../../..');
    const child = join(__dirname, 'testing/append-from-process.ts');
    await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) =>
        run(
          process.execPath,
          [
            '-r',
            'ts-node/register/transpile-only',
            '-r',
            'tsconfig-paths/register',
            child,
            file,
            String(writer),
            String(EACH),
          ],
          { cwd: root, env: { ...process.env, TS_NODE_PROJECT: join(root, 'tsconfig.json') } },
        ),
      ),
    );

    const store = new SqliteEventStore({ file });
    const events = await store.readAll({ maxCount: 10_000 });
    // Each process read the last hash under the write lock: one chain, whoever wrote.
    const chain = await verifyHashChain(store);
    await store.close();
    expect(chain).toMatchObject({ events: WRITERS * EACH, chainStartsAt: 1n, broken: null });
    expect(events).toHaveLength(WRITERS * EACH);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => BigInt(i)));
    expect(events.map((e) => e.position)).toEqual(events.map((_, i) => BigInt(i + 1)));
    for (let writer = 0; writer < WRITERS; writer++) {
      const own = events.filter((e) => e.data.writer === writer).map((e) => e.data.n);
      expect(own).toEqual(Array.from({ length: EACH }, (_, n) => n));
    }
  });
});
