import { given } from '@leadledger/kernel/testing';
import type { Refusal } from '@leadledger/kernel';
import type { WebhookSubscriptionCommand } from './webhook-subscription.commands';
import { webhookSubscriptionDecider as decider } from './webhook-subscription.decider';
import type { WebhookSubscriptionEvent } from './webhook-subscription.events';

const subscriptionId = 'sub-1';
const leadTypes = { types: ['leadledger.lead.*'], streams: [] };
const created: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionCreated',
  data: {
    subscriptionId,
    url: 'https://crm.example.cn/hooks',
    filter: leadTypes,
    description: 'CRM inbox',
    secretVersion: 1,
    startAfter: '41',
  },
};
const paused: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionPaused', data: { subscriptionId } };
const resumed: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionResumed', data: { subscriptionId } };
const failure = { eventId: 'e-7', position: '57', attempts: 12, lastStatusCode: 500, lastError: 'HTTP 500' };
const failed: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionFailed', data: { subscriptionId, ...failure } };
const retried: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionRetried',
  data: { subscriptionId, fromPosition: '57' },
};
const replayAfter = (after: string): WebhookSubscriptionEvent => ({
  type: 'WebhookSubscriptionReplayRequested',
  data: { subscriptionId, after },
});
const deleted: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionDeleted', data: { subscriptionId } };

const stateAfter = (events: WebhookSubscriptionEvent[]) => events.reduce(decider.evolve, decider.initialState);
const refusalOf = (events: WebhookSubscriptionEvent[], command: WebhookSubscriptionCommand) =>
  decider.decide(command, stateAfter(events)) as Refusal;

describe('a webhook subscription over its life: what the subscriber and the delivery see', () => {
  it('is active again after a resume, and after a retry', () => {
    expect(stateAfter([created, paused, resumed]).status).toBe('active');
    // A retry counts as no replay; it resumes from just before the failed event at 57.
    expect(stateAfter([created, failed, retried])).toMatchObject({
      status: 'active',
      subscription: { replays: 0, replayAfter: null, resumeFloor: '56' },
    });
  });

  it('keeps a changed description and filter, and the secret versions of a rotation', () => {
    const state = stateAfter([
      created,
      { type: 'WebhookSubscriptionDescriptionChanged', data: { subscriptionId, description: 'ERP inbox' } },
      { type: 'WebhookSubscriptionFilterChanged', data: { subscriptionId, filter: { types: [], streams: ['sale-'] } } },
      {
        type: 'WebhookSecretRotated',
        data: {
          subscriptionId,
          secretVersion: 2,
          previousSecretVersion: 1,
          previousValidUntil: '2026-11-02T00:00:00Z',
        },
      },
    ]);
    expect(state).toEqual({
      status: 'active',
      subscription: {
        subscriptionId,
        url: 'https://crm.example.cn/hooks',
        filter: { types: [], streams: ['sale-'] },
        description: 'ERP inbox',
        secretVersion: 2,
        previousSecret: { version: 1, validUntil: '2026-11-02T00:00:00Z' },
        resumeFloor: '41',
        replays: 0,
        replayAfter: null,
      },
    });
  });

  it('stays paused through a replay: the replay waits for the resume', () => {
    expect(stateAfter([created, paused, replayAfter('9')])).toMatchObject({
      status: 'paused',
      subscription: { replays: 1, replayAfter: '9' },
    });
  });

  it('ignores events after its deletion, and events of a subscription never created', () => {
    expect(stateAfter([created, deleted, resumed, retried])).toMatchObject({ status: 'deleted' });
    expect(stateAfter([paused, replayAfter('9')])).toEqual({ status: 'absent' });
  });

  it('is deleted for good by a delete', () => {
    given(decider, [created, paused]).when({ kind: 'DeleteWebhookSubscription' }).thenEvents([deleted]);
  });
});

describe('changing a webhook subscription (a PATCH): only what differs is written', () => {
  it('writes a new description, trimmed, and nothing for the same one padded', () => {
    given(decider, [created])
      .when({ kind: 'ChangeWebhookSubscription', description: ' ERP inbox ' })
      .thenEvents([
        { type: 'WebhookSubscriptionDescriptionChanged', data: { subscriptionId, description: 'ERP inbox' } },
      ]);
    given(decider, [created]).when({ kind: 'ChangeWebhookSubscription', description: ' CRM inbox ' }).thenEvents([]);
  });

  it('writes nothing for the filter it already has', () => {
    given(decider, [created])
      .when({ kind: 'ChangeWebhookSubscription', filter: { types: ['leadledger.lead.*'], streams: [] } })
      .thenEvents([]);
  });

  it('does not pause a paused subscription again, nor resume an active one', () => {
    given(decider, [created, paused]).when({ kind: 'ChangeWebhookSubscription', paused: true }).thenEvents([]);
    given(decider, [created]).when({ kind: 'ChangeWebhookSubscription', paused: false }).thenEvents([]);
  });

  it('leaves a failing subscription failing when the PATCH says nothing of pausing', () => {
    given(decider, [created, failed])
      .when({ kind: 'ChangeWebhookSubscription', description: 'ERP inbox' })
      .thenEvents([
        { type: 'WebhookSubscriptionDescriptionChanged', data: { subscriptionId, description: 'ERP inbox' } },
      ]);
  });

  it('pauses a failing subscription', () => {
    given(decider, [created, failed]).when({ kind: 'ChangeWebhookSubscription', paused: true }).thenEvents([paused]);
  });
});

describe('a replay of a webhook subscription', () => {
  it('may start at the first position of the log', () => {
    given(decider, [created])
      .when({ kind: 'ReplayWebhookSubscription', from: '1' })
      .thenEvents([replayAfter('0')]);
  });

  it('names the position it refused', () => {
    given(decider, [created])
      .when({ kind: 'ReplayWebhookSubscription', from: '0' })
      .thenRefuses({ code: 'ReplayPositionInvalid', facts: { from: '0' } });
  });
});

describe('what a refused webhook change tells the integrator (the 409 or 404 message)', () => {
  it.each<[string, WebhookSubscriptionEvent[], WebhookSubscriptionCommand, string]>([
    ['unknown', [], { kind: 'DeleteWebhookSubscription' }, 'No such webhook subscription'],
    [
      'created twice',
      [created],
      { ...created.data, kind: 'CreateWebhookSubscription', startAfter: '41' },
      'A subscription with this id already exists',
    ],
    [
      'resumed while failing',
      [created, failed],
      { kind: 'ChangeWebhookSubscription', paused: false },
      'A failing subscription is resumed by POST …/retry',
    ],
    [
      'failed while paused',
      [created, paused],
      { kind: 'MarkWebhookSubscriptionFailed', ...failure },
      'Only an active subscription can fail',
    ],
    [
      'retried while active',
      [created],
      { kind: 'RetryWebhookSubscription' },
      'Only a failing subscription can be retried',
    ],
    [
      'replayed from position 0',
      [created],
      { kind: 'ReplayWebhookSubscription', from: '0' },
      'A replay starts at position 1 or later',
    ],
  ])('%s', (_case, history, command, message) => {
    expect(refusalOf(history, command).message).toBe(message);
  });
});
