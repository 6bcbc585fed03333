import { createHash, randomUUID } from 'node:crypto';

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
 * A uuid-shaped id that is a pure function of `seed`: the same external id or retried
 * step always names the same lead or customer, which is what makes retries idempotent.
 */
export function idFromSeed(seed: string): string {
  const hex = createHash('sha256').update(seed, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
