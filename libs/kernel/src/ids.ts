import { randomUUID } from 'node:crypto';

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
