import { OneAtATime } from './one-at-a-time';

/**
 * Leads of one customer route one at a time in this process, keyed by customer id: a first
 * routing (the intake) and a re-route after a decline or a missed deadline alike. Two leads of
 * one customer routed together (a form sent twice, or both of a rep's leads declined at once)
 * would otherwise both ask the pool before either recorded the owner: the second then follows
 * the owner, but the pool had counted a turn for a rep who never got the lead. Each step stays
 * idempotent, so nothing here is needed for correctness after a crash; engines sharing one
 * file can still race (docs/architecture.md).
 */
export const customerRoutings = new OneAtATime();
