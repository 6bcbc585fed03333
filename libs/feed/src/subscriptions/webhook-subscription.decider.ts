import { type Decider, type Decision, type Refusal, assertNever, refuse, sameJson } from '@leadledger/kernel';
import type {
  ChangeWebhookSubscription,
  CreateWebhookSubscription,
  MarkWebhookSubscriptionFailed,
  ReplayWebhookSubscription,
  WebhookSubscriptionCommand,
} from './webhook-subscription.commands';
import type { StoredFeedFilter, WebhookSubscriptionEvent } from './webhook-subscription.events';

export interface WebhookSubscription {
  readonly subscriptionId: string;
  readonly url: string;
  readonly filter: StoredFeedFilter;
  readonly description: string;
  readonly secretVersion: number;
  /** The secret before the last rotation, signed with too until `validUntil`. */
  readonly previousSecret: { readonly version: number; readonly validUntil: string } | null;
  /**
   * The latest position this stream itself vouches for (creation, last failure, last replay):
   * where delivery resumes if its checkpoint is lost with the read-model file.
   */
  readonly resumeFloor: string;
  /** Replays asked so far, and the position of the last: the delivery applies each one once. */
  readonly replays: number;
  readonly replayAfter: string | null;
}

export interface WebhookFailure {
  readonly eventId: string;
  readonly position: string;
  readonly attempts: number;
  readonly lastStatusCode: number | null;
  readonly lastError: string;
}

export type WebhookSubscriptionState =
  | { readonly status: 'absent' }
  | { readonly status: 'active'; readonly subscription: WebhookSubscription }
  | { readonly status: 'paused'; readonly subscription: WebhookSubscription }
  | { readonly status: 'failing'; readonly subscription: WebhookSubscription; readonly failure: WebhookFailure }
  | { readonly status: 'deleted'; readonly subscription: WebhookSubscription };

type Existing = Exclude<WebhookSubscriptionState, { status: 'absent' | 'deleted' }>;

/** Unknown and deleted subscriptions alike: the HTTP layer answers 404. */
export const WEBHOOK_SUBSCRIPTION_NOT_FOUND = 'WebhookSubscriptionNotFound';

const notFound = (): Refusal => refuse(WEBHOOK_SUBSCRIPTION_NOT_FOUND, 'No such webhook subscription');
const isExisting = (state: WebhookSubscriptionState): state is Existing =>
  state.status !== 'absent' && state.status !== 'deleted';

function create(
  command: CreateWebhookSubscription,
  state: WebhookSubscriptionState,
): Decision<WebhookSubscriptionEvent> {
  if (state.status !== 'absent')
    return refuse('WebhookSubscriptionExists', 'A subscription with this id already exists', { status: state.status });
  const { subscriptionId, url, filter, startAfter } = command;
  const description = command.description.trim();
  return [
    {
      type: 'WebhookSubscriptionCreated',
      data: { subscriptionId, url, filter, description, secretVersion: 1, startAfter },
    },
  ];
}

/** A PATCH: only what differs from the current state is written, so repeating it writes nothing. */
function change(command: ChangeWebhookSubscription, state: Existing): Decision<WebhookSubscriptionEvent> {
  const { subscriptionId } = state.subscription;
  const events: WebhookSubscriptionEvent[] = [];
  const description = command.description?.trim();
  if (description !== undefined && description !== state.subscription.description)
    events.push({ type: 'WebhookSubscriptionDescriptionChanged', data: { subscriptionId, description } });
  if (command.filter && !sameJson(command.filter, state.subscription.filter))
    events.push({ type: 'WebhookSubscriptionFilterChanged', data: { subscriptionId, filter: command.filter } });
  if (command.paused === true && state.status !== 'paused')
    events.push({ type: 'WebhookSubscriptionPaused', data: { subscriptionId } });
  if (command.paused === false && state.status === 'failing')
    return refuse('WebhookSubscriptionFailing', 'A failing subscription is resumed by POST …/retry', {
      status: state.status,
      failure: state.failure,
    });
  if (command.paused === false && state.status === 'paused')
    events.push({ type: 'WebhookSubscriptionResumed', data: { subscriptionId } });
  return events;
}

function markFailed(command: MarkWebhookSubscriptionFailed, state: Existing): Decision<WebhookSubscriptionEvent> {
  if (state.status !== 'active')
    return refuse('WebhookSubscriptionNotActive', 'Only an active subscription can fail', { status: state.status });
  const { kind: _kind, ...failure } = command;
  return [
    { type: 'WebhookSubscriptionFailed', data: { subscriptionId: state.subscription.subscriptionId, ...failure } },
  ];
}

function replay(command: ReplayWebhookSubscription, state: Existing): Decision<WebhookSubscriptionEvent> {
  const from = BigInt(command.from);
  if (from < 1n)
    return refuse('ReplayPositionInvalid', 'A replay starts at position 1 or later', { from: command.from });
  const after = (from - 1n).toString();
  return [
    { type: 'WebhookSubscriptionReplayRequested', data: { subscriptionId: state.subscription.subscriptionId, after } },
  ];
}

function decide(
  command: WebhookSubscriptionCommand,
  state: WebhookSubscriptionState,
): Decision<WebhookSubscriptionEvent> {
  if (command.kind === 'CreateWebhookSubscription') return create(command, state);
  if (!isExisting(state)) return notFound();
  const { subscriptionId, secretVersion } = state.subscription;
  switch (command.kind) {
    case 'ChangeWebhookSubscription':
      return change(command, state);
    case 'RotateWebhookSecret':
      return [
        {
          type: 'WebhookSecretRotated',
          data: {
            subscriptionId,
            secretVersion: secretVersion + 1,
            previousSecretVersion: secretVersion,
            previousValidUntil: command.previousValidUntil,
          },
        },
      ];
    case 'MarkWebhookSubscriptionFailed':
      return markFailed(command, state);
    case 'RetryWebhookSubscription':
      if (state.status !== 'failing')
        return refuse('WebhookSubscriptionNotFailing', 'Only a failing subscription can be retried', {
          status: state.status,
        });
      return [{ type: 'WebhookSubscriptionRetried', data: { subscriptionId, fromPosition: state.failure.position } }];
    case 'ReplayWebhookSubscription':
      return replay(command, state);
    case 'DeleteWebhookSubscription':
      return [{ type: 'WebhookSubscriptionDeleted', data: { subscriptionId } }];
    default:
      return assertNever(command);
  }
}

/** The state after one event; events of a subscription that does not exist change nothing. */
function evolve(state: WebhookSubscriptionState, event: WebhookSubscriptionEvent): WebhookSubscriptionState {
  if (event.type === 'WebhookSubscriptionCreated') {
    const { subscriptionId, url, filter, description, secretVersion, startAfter } = event.data;
    const subscription = { subscriptionId, url, filter, description, secretVersion, previousSecret: null };
    return {
      status: 'active',
      subscription: { ...subscription, resumeFloor: startAfter, replays: 0, replayAfter: null },
    };
  }
  if (!isExisting(state)) return state;
  const subscription = state.subscription;
  switch (event.type) {
    case 'WebhookSubscriptionPaused':
      return { status: 'paused', subscription };
    case 'WebhookSubscriptionResumed':
      return { status: 'active', subscription };
    case 'WebhookSubscriptionDescriptionChanged':
      return { ...state, subscription: { ...subscription, description: event.data.description } };
    case 'WebhookSubscriptionFilterChanged':
      return { ...state, subscription: { ...subscription, filter: event.data.filter } };
    case 'WebhookSecretRotated': {
      const { secretVersion, previousSecretVersion, previousValidUntil } = event.data;
      const previousSecret = { version: previousSecretVersion, validUntil: previousValidUntil };
      return { ...state, subscription: { ...subscription, secretVersion, previousSecret } };
    }
    case 'WebhookSubscriptionFailed': {
      const { subscriptionId: _id, ...failure } = event.data;
      // Everything before the failed event was delivered: a lost checkpoint resumes just before it.
      const resumeFloor = (BigInt(failure.position) - 1n).toString();
      return { status: 'failing', subscription: { ...subscription, resumeFloor }, failure };
    }
    case 'WebhookSubscriptionRetried':
      return { status: 'active', subscription };
    case 'WebhookSubscriptionReplayRequested': {
      const { after } = event.data;
      const replayed = { ...subscription, resumeFloor: after, replays: subscription.replays + 1, replayAfter: after };
      // A replay also resumes a failing subscription, from the replay's position.
      return state.status === 'paused'
        ? { status: 'paused', subscription: replayed }
        : { status: 'active', subscription: replayed };
    }
    case 'WebhookSubscriptionDeleted':
      return { status: 'deleted', subscription };
    default:
      return assertNever(event);
  }
}

/**
 * The rules of one webhook subscription: created once; paused and resumed; its description and
 * filter changed; its secret rotated (the previous one kept for a grace period); marked failing
 * by the delivery after N failed attempts, and then retried; replayed from a position; deleted
 * for good. Every command but creation on an unknown or deleted subscription is a not-found.
 */
export const webhookSubscriptionDecider: Decider<
  WebhookSubscriptionCommand,
  WebhookSubscriptionState,
  WebhookSubscriptionEvent
> = { initialState: { status: 'absent' }, decide, evolve };
