/**
 * The event types whose stream id or data hold a key hash. They stay in the log (they are who
 * may call the engine, and since when) but out of what people and other services read: the feed
 * and the rep timelines.
 */
export const CREDENTIAL_EVENT_TYPES: ReadonlySet<string> = new Set([
  'ApiKeyCreated',
  'ApiKeyRevoked',
  'AdminKeyBootstrapped',
]);
