import type { Actor } from '@leadledger/auth';
import { EventStore, foldEvents, handleCommand } from '@leadledger/event-store';
import {
  WEBHOOK_SUBSCRIPTION_NOT_FOUND,
  type WebhookSubscriptionCommand,
  type WebhookSubscriptionView,
  webhookSubscriptionDecider,
  webhookSubscriptionStreamId,
  webhookSubscriptionView,
} from '@leadledger/feed';
import { NotFoundError, isRefusal } from '@leadledger/kernel';
import { RefusalException } from '../http/refusal.exception';
import type { RequestContexts } from '../http/request-context';

/** The subscription as its own stream has it, so the caller sees its write before the list catches up. */
export async function subscriptionAnswer(store: EventStore, subscriptionId: string): Promise<WebhookSubscriptionView> {
  const events = await store.readStream(webhookSubscriptionStreamId(subscriptionId));
  const state = foldEvents(webhookSubscriptionDecider, events);
  if (state.status === 'absent' || state.status === 'deleted')
    throw new NotFoundError('webhook subscription', subscriptionId);
  return webhookSubscriptionView(state, {
    createdAt: events[0].metadata.occurredAt,
    updatedAt: events[events.length - 1].metadata.occurredAt,
  });
}

/** Decides one command on the subscription's stream: an unknown or deleted one is a 404, a refusal a 409. */
export async function decideOnSubscription(
  store: EventStore,
  contexts: RequestContexts,
  subscriptionId: string,
  command: WebhookSubscriptionCommand,
  actor: Actor,
  idempotencyKey: string | null = null,
): Promise<void> {
  const streamId = webhookSubscriptionStreamId(subscriptionId);
  const context = contexts.for(actor, { idempotencyKey });
  const result = await handleCommand(store, streamId, webhookSubscriptionDecider, command, context);
  if (!isRefusal(result)) return;
  if (result.code === WEBHOOK_SUBSCRIPTION_NOT_FOUND) throw new NotFoundError('webhook subscription', subscriptionId);
  throw new RefusalException(result);
}
