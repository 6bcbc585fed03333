import { hash } from 'node:crypto';
import type { JsonValue, StoredEvent } from './stored-event';

/**
 * The JSON Canonicalization Scheme (RFC 8785) for the values an event holds: no whitespace,
 * object members sorted by their names' UTF-16 code units (JavaScript's default string
 * order), strings and numbers written as ECMAScript's JSON.stringify writes them (which is
 * what RFC 8785 specifies). Implementations exist in most languages (Python `rfc8785`,
 * Go `gowebpki/jcs`, Java `erdtman/java-json-canonicalization`); an auditor uses one of them.
 *
 * Values that are not JSON are converted as JSON.stringify converts them: a value's `toJSON()` (a
 * Date becomes its ISO string), members whose value is undefined, a function or a symbol are left
 * out (null in an array). So canonicalJson(value) is canonicalJson(JSON.parse(JSON.stringify(value))),
 * and the SQLite store hashes an event as its stored text reads back without parsing that text.
 * A number JSON has no form for (NaN, Infinity) is refused, where JSON.stringify would write null:
 * an event is not stored with an amount silently turned into null.
 */
export function canonicalJson(value: JsonValue): string {
  const text = canonicalOf(value);
  if (text === undefined) throw new TypeError(`canonical JSON has no form for ${typeof value}`);
  return text;
}

function canonicalOf(value: unknown): string | undefined {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonical JSON has no form for the number ${value}`);
    return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') throw new TypeError('canonical JSON has no form for a BigInt');
  // undefined, a function or a symbol: no JSON form, left out as JSON.stringify leaves it out.
  if (typeof value !== 'object') return undefined;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return canonicalOf(toJSON.call(value));
  let out: string;
  if (Array.isArray(value)) {
    out = '[';
    for (let i = 0; i < value.length; i++) out += (i > 0 ? ',' : '') + (canonicalOf(value[i]) ?? 'null');
    return `${out}]`;
  }
  const members = value as Record<string, unknown>;
  out = '{';
  for (const key of Object.keys(members).sort()) {
    const member = canonicalOf(members[key]);
    if (member === undefined) continue;
    out += `${out.length > 1 ? ',' : ''}${jsonString(key)}:${member}`;
  }
  return `${out}}`;
}

/** Characters JSON.stringify writes as they are: no quote, backslash, control or lone surrogate. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\ud7ff\ue000-\uffff]*$/;

/** JSON.stringify of a string, without its cost on the usual string that needs no escape. */
function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

/** What one link of the chain covers: everything the store keeps of an event. */
export type HashedEvent = Pick<StoredEvent, 'position' | 'streamId' | 'revision' | 'id' | 'type' | 'data' | 'metadata'>;

/**
 * The tamper-evidence hash of a stored event: SHA-256, lowercase hex, of the UTF-8 bytes of
 * the canonical JSON (RFC 8785) of
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
