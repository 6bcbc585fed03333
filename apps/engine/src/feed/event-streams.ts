import { EventStore, LiveFanOut } from '@leadledger/event-store';
import { type BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { type EventStreamOptions, EventStreamSession } from './event-stream-session';

/** Every open event stream, so shutdown can end them with a reason instead of waiting for them. */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly sessions = new Set<EventStreamSession>();

  constructor(
    private readonly store: EventStore,
    private readonly live: LiveFanOut,
  ) {}

  open(response: Response, options: EventStreamOptions): void {
    const session = new EventStreamSession(response, this.store, this.live, options);
    this.sessions.add(session);
    void session.done.then(() => this.sessions.delete(session));
    void session.run();
  }

  beforeApplicationShutdown(): void {
    for (const session of this.sessions) session.close('shutdown');
  }
}
