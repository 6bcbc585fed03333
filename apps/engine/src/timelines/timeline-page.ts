import type { TimelineEntry } from '@leadledger/timelines';

export interface TimelineSubject {
  readonly kind: 'customer' | 'lead' | 'rep';
  readonly id: string;
}

/** One page of a timeline; `state` is the subject after the last event replayed (all of them, or up to asOf). */
export interface TimelinePage<State, EntryState = State> {
  readonly subject: TimelineSubject;
  readonly asOf: string | null;
  readonly state: State;
  readonly entries: readonly TimelineEntry<EntryState>[];
  /** Pass as `after` for the next page; null on the last one. */
  readonly next: string | null;
}

export const DEFAULT_TIMELINE_LIMIT = 100;

/** The entries after position `after`, `limit` of them, and the cursor to the rest. */
export function pageOfEntries<State>(
  entries: readonly TimelineEntry<State>[],
  after: string | undefined,
  limit: number | undefined,
): { entries: TimelineEntry<State>[]; next: string | null } {
  const from = after === undefined ? 0n : BigInt(after);
  const rest = entries.filter((entry) => BigInt(entry.position) > from);
  const page = rest.slice(0, limit ?? DEFAULT_TIMELINE_LIMIT);
  return { entries: page, next: rest.length > page.length ? (page.at(-1)?.position ?? null) : null };
}
