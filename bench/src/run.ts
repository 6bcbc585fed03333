import { join } from 'node:path';
import type { BenchConfig } from './config';
import type { BenchEvent } from './fixtures';
import { seconds } from './stats';
import { withTempDir } from './temp-dir';
import type { Durability, Subject } from './workloads/subject';

export interface RunSample {
  readonly appendPerSecond: number;
  readonly readPerSecond: number;
  readonly readPasses: number;
  readonly retriedCommits: number;
  readonly durability: Durability;
}

/**
 * One run of one subject in a fresh directory: append every event in its own commit,
 * round-robin over the streams, then read the whole global log in full passes until
 * `minReadSeconds` have passed (one pass alone is too short to time).
 */
export async function runOnce(
  subject: Subject,
  events: readonly BenchEvent[],
  streams: readonly string[],
  config: Pick<BenchConfig, 'readBatch' | 'minReadSeconds' | 'tempBase'>,
): Promise<RunSample> {
  return withTempDir(config.tempBase, subject.name, async (dir) => {
    const store = await subject.open(join(dir, 'events.db'));
    try {
      const appendStart = process.hrtime.bigint();
      for (let i = 0; i < events.length; i++) await store.append(streams[i % streams.length], events[i]);
      const appendSeconds = seconds(appendStart);

      let passes = 0;
      const readStart = process.hrtime.bigint();
      do {
        const count = await store.readAll(config.readBatch);
        if (count !== events.length) throw new Error(`${subject.name} read ${count} events, expected ${events.length}`);
        passes++;
      } while (seconds(readStart) < config.minReadSeconds);
      const readSeconds = seconds(readStart);

      return {
        appendPerSecond: events.length / appendSeconds,
        readPerSecond: (events.length * passes) / readSeconds,
        readPasses: passes,
        retriedCommits: store.retriedCommits?.() ?? 0,
        durability: await store.durability(),
      };
    } finally {
      await store.close();
    }
  });
}
