import { randomUUID } from 'node:crypto';
import { parse as parseUuid, v5 as uuidV5 } from 'uuid';

/** Where new ids come from; injected so the domain never makes its own. */
export interface IdSource {
  next(): string;
}

export const randomIds: IdSource = { next: () => randomUUID() };

/** Predictable ids (`prefix-1`, `prefix-2`, ...) for tests. */
export function sequentialIds(prefix = 'id'): IdSource {
  let counter = 0;
  return { next: () => `${prefix}-${++counter}` };
}

/**
 * The namespace of every id leadledger derives from a seed (made once, at random): another system
 * deriving UUIDv5 ids from the same strings gets different ones, so they never collide with ours.
 */
export const LEADLEDGER_ID_NAMESPACE = 'd1e53616-859f-4a70-9134-7e2ea8bffc92';
const NAMESPACE_BYTES = parseUuid(LEADLEDGER_ID_NAMESPACE);

/**
 * An RFC 9562 UUIDv5 (SHA-1, version and variant bits set) that is a pure function of `seed`:
 * the same external id or retried step always names the same lead or customer, which is what
 * makes retries idempotent, and strict UUID validators an integrator uses accept it.
 */
export function idFromSeed(seed: string): string {
  // The same UUID as uuidV5(seed, LEADLEDGER_ID_NAMESPACE): handing uuid the UTF-8 bytes and the
  // parsed namespace spares its per-character string encoding, 3-5x the cost of a long seed.
  return uuidV5(Buffer.from(seed, 'utf8'), NAMESPACE_BYTES);
}
