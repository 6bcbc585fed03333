import type { EventStore, LiveFanOut, StoredEvent } from '@leadledger/event-store';
import {
  type FeedClosedReason,
  type FeedFilter,
  type PublishedEvent,
  publishIfMatching,
  readFeedPage,
} from '@leadledger/feed';
import type { Response } from 'express';

/** Why the engine ended a stream: sent as the last event, named `leadledger.feed.closed` (in the AsyncAPI document). */
export type StreamClosedReason = FeedClosedReason;

export interface EventStreamOptions {
  readonly source: string;
  readonly filter: FeedFilter;
  /** Resume after this position (Last-Event-ID or ?after=). */
  readonly after: bigint;
  readonly heartbeatMs: number;
  /** Bytes waiting for the client, and events waiting to be written, beyond which it is cut off. */
  readonly maxBufferBytes: number;
}

const CATCH_UP_PAGE = 500;
/** What a queued event is counted as against maxBufferBytes: about one event's CloudEvent JSON. */
const QUEUED_EVENT_BYTES = 256;
/** How long an EventSource waits before it reconnects, told once at the start. */
const RECONNECT_MS = 3000;

/**
 * One client's Server-Sent Events stream: the log from `after` (catch-up, read page by page at
 * the client's pace), then live, in commit order, each event once, `id:` its position so a
 * reconnect with Last-Event-ID resumes with no gap and no duplicate. Live events wait in a
 * queue while the catch-up runs; a client that falls too far behind is cut off with a closing
 * event naming the reason, instead of the engine buffering for it without bound.
 */
export class EventStreamSession {
  private lastSent: bigint;
  private readonly waiting: StoredEvent[] = [];
  private waitingBytes = 0;
  private catchingUp = true;
  private closed = false;
  private readonly stopListening: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  private ended!: () => void;
  /** Settles when the stream has ended, for whatever reason. */
  readonly done = new Promise<void>((resolve) => (this.ended = resolve));

  constructor(
    private readonly response: Response,
    private readonly store: EventStore,
    live: LiveFanOut,
    private readonly options: EventStreamOptions,
  ) {
    this.lastSent = options.after;
    // Listen before catching up: whatever is committed meanwhile is either read or queued.
    this.stopListening = live.listen((batch) => this.queue(batch));
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), options.heartbeatMs);
    response.on('close', () => this.finish());
  }

  async run(): Promise<void> {
    this.write(`retry: ${RECONNECT_MS}\n\n`);
    try {
      await this.catchUp();
      this.catchingUp = false;
      this.drain();
    } catch (error) {
      this.response.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  }

  /** Ends the stream with a closing event the client can read (its reason and where to resume). */
  close(reason: StreamClosedReason): void {
    if (this.closed) return;
    const data = JSON.stringify({ reason, lastEventId: this.lastSent.toString() });
    this.response.end(`event: leadledger.feed.closed\ndata: ${data}\n\n`);
    this.finish();
  }

  private async catchUp(): Promise<void> {
    const { store, options } = this;
    for (;;) {
      const page = await readFeedPage(store, options.source, this.lastSent, options.filter, CATCH_UP_PAGE);
      if (this.closed) return;
      for (const event of page.events) await this.send(event);
      const reachedTheEnd = page.next === this.lastSent || page.events.length < CATCH_UP_PAGE;
      this.lastSent = page.next > this.lastSent ? page.next : this.lastSent;
      if (reachedTheEnd && (await store.readAll({ after: this.lastSent, maxCount: 1 })).length === 0) return;
    }
  }

  private queue(batch: readonly StoredEvent[]): void {
    if (this.closed) return;
    for (const event of batch) {
      this.waiting.push(event);
      this.waitingBytes += QUEUED_EVENT_BYTES;
    }
    if (this.waitingBytes > this.options.maxBufferBytes) return this.close('slow-consumer');
    if (!this.catchingUp) this.drain();
  }

  private drain(): void {
    for (const event of this.waiting.splice(0)) {
      if (event.position <= this.lastSent) continue;
      this.lastSent = event.position;
      const published = publishIfMatching(event, this.options.source, this.options.filter);
      if (published === null) continue;
      this.write(frame(published));
      if (this.response.writableLength > this.options.maxBufferBytes) return this.close('slow-consumer');
    }
    this.waitingBytes = 0;
  }

  /** During the catch-up the client sets the pace: wait for the socket to drain. */
  private async send(event: PublishedEvent): Promise<void> {
    this.lastSent = BigInt(event.position);
    if (this.write(frame(event))) return;
    await new Promise<void>((resolve) => {
      const go = () => {
        this.response.off('drain', go);
        this.response.off('close', go);
        resolve();
      };
      this.response.on('drain', go);
      this.response.on('close', go);
    });
  }

  private write(text: string): boolean {
    if (this.closed) return true;
    return this.response.write(text);
  }

  private finish(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.stopListening();
    this.ended();
  }
}

const frame = (event: PublishedEvent): string => `id: ${event.position}\ndata: ${JSON.stringify(event)}\n\n`;
