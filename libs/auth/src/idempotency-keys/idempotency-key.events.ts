/**
 * An Idempotency-Key names one request, so one resource: the first lead, sale, rep or pool a
 * key's request made (or named by its own id). Kept per API key and per kind of resource.
 */
export interface IdempotencyKeyBound {
  readonly type: 'IdempotencyKeyBound';
  readonly data: { readonly scope: string; readonly resourceId: string };
}

export type IdempotencyKeyEvent = IdempotencyKeyBound;
