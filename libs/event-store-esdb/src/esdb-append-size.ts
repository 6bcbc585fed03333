import type { EventData } from '@eventstore/db-client';
import { AppendTooLargeError } from '@leadledger/event-store';

/** EventStoreDB's default MaxAppendSize: the bytes one append may carry. */
export const DEFAULT_MAX_APPEND_BYTES = 1_048_576;

const utf8Bytes = (text: string) => Buffer.byteLength(text, 'utf8');

/**
 * The bytes an append counts against MaxAppendSize, summed the way the server sizes an event
 * on disk (Event.SizeOnDisk): its data and metadata as sent (UTF-8 JSON, as the client
 * serialises them), plus two bytes per character of its type.
 */
export function appendBytes(events: readonly EventData[]): number {
  let total = 0;
  for (const event of events) {
    const data = event.data instanceof Uint8Array ? event.data.length : utf8Bytes(JSON.stringify(event.data));
    const metadata =
      event.metadata === undefined
        ? 0
        : event.metadata instanceof Uint8Array
          ? event.metadata.length
          : utf8Bytes(JSON.stringify(event.metadata));
    total += data + metadata + event.type.length * 2;
  }
  return total;
}

/**
 * Refuses an append over the limit before it is sent: the server would refuse it too, but
 * only after the whole request crossed the network, and with an error naming no size.
 */
export function checkAppendSize(streamId: string, events: readonly EventData[], limitBytes: number): void {
  const bytes = appendBytes(events);
  if (bytes > limitBytes) throw new AppendTooLargeError(streamId, bytes, limitBytes);
}
