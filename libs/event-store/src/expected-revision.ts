/**
 * What a writer believes about a stream when it appends:
 * - a revision: the stream's last event has exactly this revision;
 * - 'no_stream': the stream has no event yet;
 * - 'stream_exists': the stream has at least one event;
 * - 'any': no check.
 */
export type ExpectedRevision = bigint | 'no_stream' | 'stream_exists' | 'any';

/** A stream's current revision, or 'no_stream' when it has no events. */
export type CurrentRevision = bigint | 'no_stream';

export function satisfiesExpectedRevision(expected: ExpectedRevision, current: CurrentRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === 'no_stream';
  if (expected === 'stream_exists') return current !== 'no_stream';
  return current === expected;
}

export function describeRevision(revision: ExpectedRevision | CurrentRevision): string {
  return typeof revision === 'bigint' ? revision.toString() : revision;
}
