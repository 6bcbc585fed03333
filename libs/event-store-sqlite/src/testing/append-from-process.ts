/**
 * Run as its own process by the multi-process spec: appends `count` events to one stream
 * of a shared SQLite file, each with the expected revision it just read, retrying when
 * another process won the race.
 */
import { WrongExpectedRevisionError } from '@leadledger/event-store';
import { anEvent } from '@leadledger/event-store/testing';
import { SqliteEventStore } from '../sqlite-event-store';

async function main(): Promise<void> {
  const [file, writer, count] = process.argv.slice(2);
  const store = new SqliteEventStore({ file });
  for (let n = 0; n < Number(count); n++) {
    for (;;) {
      const [last] = await store.readStream('shared', { direction: 'backwards', maxCount: 1 });
      try {
        await store.appendToStream('shared', [anEvent('Noted', { writer: Number(writer), n })], {
          expectedRevision: last ? last.revision : 'no_stream',
        });
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }
  await store.close();
}

void main();
