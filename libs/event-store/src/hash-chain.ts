import { type HashedEvent, eventHash } from './event-hash';
import type { EventStore } from './event-store.port';
import type { StoredEvent } from './stored-event';

/** The first link that does not hold, and why. */
export interface ChainBreak {
  readonly position: bigint;
  readonly problem: string;
}

export interface ChainReport {
  /** Events read, hashed or not. */
  readonly events: number;
  /** Events read before the first hashed one: recorded before the store kept a chain. */
  readonly unhashed: number;
  /** Position of the first hashed event (its previousHash is null); null when none is hashed. */
  readonly chainStartsAt: bigint | null;
  /** The last event checked that carries a hash: write it down elsewhere to anchor the chain. */
  readonly head: { readonly position: bigint; readonly hash: string } | null;
  /** The first break, where checking stopped; null when every link holds. */
  readonly broken: ChainBreak | null;
}

/**
 * Checks a log's hash chain one event at a time, in global order, keeping only the last link:
 * memory does not grow with the log. Events before the first hashed one predate the chain and
 * are counted, not checked; once the chain has started, every event must carry a hash whose
 * value is eventHash(event, hash of the event before it).
 */
export class HashChainCheck {
  private events = 0;
  private unhashed = 0;
  private chainStartsAt: bigint | null = null;
  private last: { position: bigint; hash: string | null } | null = null;
  private broken: ChainBreak | null = null;

  /** Checks the next event; returns the break it makes, if any (later calls then do nothing). */
  check(event: HashedEvent & { readonly hash?: string }): ChainBreak | null {
    if (this.broken) return this.broken;
    const previous = this.last;
    this.events++;
    this.last = { position: event.position, hash: event.hash ?? null };
    if (event.hash === undefined) {
      if (this.chainStartsAt === null) {
        this.unhashed++;
        return null;
      }
      return this.fail(event.position, `carries no hash, but the chain starts at position ${this.chainStartsAt}`);
    }
    this.chainStartsAt ??= event.position;
    const previousHash = previous?.hash ?? null;
    if (eventHash(event, previousHash) === event.hash) return null;
    const gap = previous && previous.position + 1n < event.position ? missing(previous.position, event.position) : '';
    const before = !previous
      ? 'a chain starting here'
      : previous.hash
        ? `the hash of the event before it (position ${previous.position})`
        : `a chain starting here (the event before it, position ${previous.position}, carries no hash)`;
    return this.fail(event.position, `its hash does not match its content and ${before}${gap}`);
  }

  /** The next event could not be read at all (its stored JSON does not parse): that is the break. */
  unreadable(error: Error): ChainBreak {
    const after = this.last?.position ?? 0n;
    return this.fail(after + 1n, `the first event after position ${after} cannot be read: ${error.message}`);
  }

  report(): ChainReport {
    const head = this.last?.hash ? { position: this.last.position, hash: this.last.hash } : null;
    return {
      events: this.events,
      unhashed: this.unhashed,
      chainStartsAt: this.chainStartsAt,
      head: this.broken ? null : head,
      broken: this.broken,
    };
  }

  private fail(position: bigint, problem: string): ChainBreak {
    this.broken = { position, problem };
    return this.broken;
  }
}

function missing(before: bigint, after: bigint): string {
  const first = before + 1n;
  const last = after - 1n;
  return first === last
    ? `; position ${first} is not in the log`
    : `; positions ${first} to ${last} are not in the log`;
}

/**
 * Reads the whole log through the port, a batch at a time, and checks its chain; stops at the
 * first break. A batch that cannot be parsed (stored JSON edited into something that is not
 * JSON) is read again one event at a time, to name the event that cannot be read.
 */
export async function verifyHashChain(store: EventStore, batchSize = 1000): Promise<ChainReport> {
  const chain = new HashChainCheck();
  let after = 0n;
  let size = batchSize;
  for (;;) {
    let batch: StoredEvent[];
    try {
      batch = await store.readAll({ after, maxCount: size });
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      if (size === 1) {
        chain.unreadable(error);
        return chain.report();
      }
      size = 1;
      continue;
    }
    if (batch.length === 0) return chain.report();
    for (const event of batch) if (chain.check(event)) return chain.report();
    after = batch[batch.length - 1].position;
  }
}
