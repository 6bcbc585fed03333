import type { EventStoreDBClient } from '@eventstore/db-client';
import {
  type EventHandler,
  EventStoreUnavailableError,
  START_OF_LOG,
  type SubscribeOptions,
  type Subscription,
} from '@leadledger/event-store';
import {
  isAfter,
  isVisible,
  positionOf,
  toEsdbPosition,
  toEventStoreError,
  toSubscriptionFilter,
} from './esdb-mapping';
import { engineEventOf } from './esdb-foreign-events';

/**
 * A catch-up subscription to $all. Events go to the handler one at a time: `for await`
 * pulls the next event only once the handler has returned, and the client's stream
 * buffers (then applies back-pressure to the server) meanwhile. A stream error or a stream
 * the server ended rejects `done` with EventStoreUnavailableError; the LogReader subscribes
 * again after the last event handled.
 */
export function esdbSubscription(
  client: EventStoreDBClient,
  options: SubscribeOptions,
  handler: EventHandler,
): Subscription {
  const source = client.subscribeToAll({
    fromPosition: toEsdbPosition(options.after ?? START_OF_LOG),
    filter: toSubscriptionFilter(options.filter),
  });
  // The server confirms a subscription before it sends any event.
  source.once('confirmation', () => options.onSubscribed?.());
  let stopping = false;

  const run = async (): Promise<void> => {
    let cursor = options.after ?? START_OF_LOG;
    // Boxed, so that a handler that throws undefined is still told apart from no failure.
    let failure: { error: unknown } | undefined;
    try {
      for await (const resolved of source) {
        if (stopping) break;
        if (!resolved.event) continue;
        const position = positionOf(resolved);
        // The server starts at `after` itself (inclusive): skip it, and anything seen.
        if (!isAfter(position, cursor) || !isVisible(resolved.event, options.filter)) continue;
        const event = engineEventOf(resolved);
        if (!event) continue;
        try {
          await handler(event);
        } catch (error) {
          failure = { error }; // the handler's own error, untranslated
          break;
        }
        cursor = position;
      }
    } catch (error) {
      // stop() destroys the stream, which ends the loop with a premature-close error.
      if (!stopping) failure = { error: toEventStoreError(error) };
    } finally {
      await source.unsubscribe().catch(() => undefined);
    }
    if (failure) throw failure.error;
    if (!stopping) throw new EventStoreUnavailableError('EventStoreDB ended the subscription');
  };

  const done = run();
  // Callers that only await stop() must not see an unhandled rejection.
  done.catch(() => undefined);
  return {
    done,
    stop: async () => {
      stopping = true;
      // Wakes a loop that is waiting for the next event; one inside the handler finishes it first.
      source.destroy();
      await done.catch(() => undefined);
    },
  };
}
