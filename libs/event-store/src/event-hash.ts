import { canonicalJson } from '@leadledger/kernel';
import { hash } from 'node:crypto';
import type { JsonValue, StoredEvent } from './stored-event';

/** What one link of the chain covers: everything the store keeps of an event. */
export type HashedEvent = Pick<StoredEvent, 'position' | 'streamId' | 'revision' | 'id' | 'type' | 'data' | 'metadata'>;

/**
 * The tamper-evidence hash of a stored event: SHA-256, lowercase hex, of the UTF-8 bytes of
 * the canonical JSON (RFC 8785, `canonicalJson` in the kernel) of
 *
 *   {"data": …, "id": …, "metadata": …, "position": "<decimal>", "previousHash": <hex or null>,
 *    "revision": "<decimal>", "streamId": …, "type": …}
 *
 * position and revision as decimal strings (as an export writes them, never as JSON numbers);
 * metadata whole, so recordedAt, actor, reason and the ids are covered; previousHash is the
 * hash of the event just before it in the global log, or null for the first event of the chain.
 * docs/operations.md "Tamper evidence" gives the recipe; event-hash.spec.ts a worked example.
 */
export function eventHash(event: HashedEvent, previousHash: string | null): string {
  const link = {
    data: event.data,
    id: event.id,
    metadata: event.metadata as unknown as JsonValue,
    position: event.position.toString(),
    previousHash,
    revision: event.revision.toString(),
    streamId: event.streamId,
    type: event.type,
  };
  // One-shot crypto.hash (Node 20.12+): a string is hashed as its UTF-8 bytes.
  return hash('sha256', canonicalJson(link), 'hex');
}
