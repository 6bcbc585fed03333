import { given } from '@leadledger/kernel/testing';
import type { CreateWebhookSubscription } from './webhook-subscription.commands';
import { webhookSubscriptionDecider as decider } from './webhook-subscription.decider';
import type { WebhookSubscriptionEvent } from './webhook-subscription.events';

const subscriptionId = 'sub-1';
const filter = { types: ['leadledger.lead.*'], streams: [] };
const create: CreateWebhookSubscription = {
  kind: 'CreateWebhookSubscription',
  subscriptionId,
  url: 'https://crm.example.cn/hooks',
  filter,
  description: ' CRM inbox ',
  startAfter: '41',
};
const created: WebhookSubscriptionEvent = {
  type: 'WebhookSubscriptionCreated',
  data: {
    subscriptionId,
    url: 'https://crm.example.cn/hooks',
    filter,
    description: 'CRM inbox',
    secretVersion: 1,
    startAfter: '41',
  },
};
const paused: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionPaused', data: { subscriptionId } };
const failure = { eventId: 'e-7', position: '57', attempts: 12, lastStatusCode: 500, lastError: 'HTTP 500' };
const failed: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionFailed', data: { subscriptionId, ...failure } };
const deleted: WebhookSubscriptionEvent = { type: 'WebhookSubscriptionDeleted', data: { subscriptionId } };

describe('webhook subscription decider', () => {
  describe('when no subscription has this id', () => {
    it('creates it with the first secret version, starting after the head it was given', () => {
      given(decider).when(create).thenEvents([created]);
    });

    it('answers not found to anything else', () => {
      given(decider).when({ kind: 'DeleteWebhookSubscription' }).thenRefuses({ code: 'WebhookSubscriptionNotFound' });
      given(decider).when({ kind: 'RetryWebhookSubscription' }).thenRefuses({ code: 'WebhookSubscriptionNotFound' });
    });
  });

  describe('when active', () => {
    it('refuses a second creation with the same id', () => {
      given(decider, [created])
        .when(create)
        .thenRefuses({ code: 'WebhookSubscriptionExists', facts: { status: 'active' } });
    });

    it('writes one event per changed field, and nothing for what is already so', () => {
      const types = ['leadledger.sale.*'];
      given(decider, [created])
        .when({
          kind: 'ChangeWebhookSubscription',
          paused: true,
          description: 'CRM inbox',
          filter: { types, streams: [] },
        })
        .thenEvents([
          { type: 'WebhookSubscriptionFilterChanged', data: { subscriptionId, filter: { types, streams: [] } } },
          paused,
        ]);
      given(decider, [created]).when({ kind: 'ChangeWebhookSubscription', paused: false }).thenEvents([]);
    });

    it('rotates the secret to the next version, keeping the previous one until the grace ends', () => {
      given(decider, [created])
        .when({ kind: 'RotateWebhookSecret', previousValidUntil: '2026-11-02T00:00:00.000Z' })
        .thenEvents([
          {
            type: 'WebhookSecretRotated',
            data: {
              subscriptionId,
              secretVersion: 2,
              previousSecretVersion: 1,
              previousValidUntil: '2026-11-02T00:00:00.000Z',
            },
          },
        ]);
    });

    it('is marked failing by the delivery, with the event it could not deliver', () => {
      given(decider, [created])
        .when({ kind: 'MarkWebhookSubscriptionFailed', ...failure })
        .thenEvents([failed]);
    });

    it('refuses a retry: nothing failed', () => {
      given(decider, [created])
        .when({ kind: 'RetryWebhookSubscription' })
        .thenRefuses({ code: 'WebhookSubscriptionNotFailing', facts: { status: 'active' } });
    });

    it('replays from a position, inclusive', () => {
      given(decider, [created])
        .when({ kind: 'ReplayWebhookSubscription', from: '10' })
        .thenEvents([{ type: 'WebhookSubscriptionReplayRequested', data: { subscriptionId, after: '9' } }]);
    });

    it('refuses a replay from before the first position', () => {
      given(decider, [created])
        .when({ kind: 'ReplayWebhookSubscription', from: '0' })
        .thenRefuses({ code: 'ReplayPositionInvalid' });
    });
  });

  describe('when paused', () => {
    it('resumes', () => {
      given(decider, [created, paused])
        .when({ kind: 'ChangeWebhookSubscription', paused: false })
        .thenEvents([{ type: 'WebhookSubscriptionResumed', data: { subscriptionId } }]);
    });

    it('is not marked failing: nothing is being delivered', () => {
      given(decider, [created, paused])
        .when({ kind: 'MarkWebhookSubscriptionFailed', ...failure })
        .thenRefuses({ code: 'WebhookSubscriptionNotActive', facts: { status: 'paused' } });
    });
  });

  describe('when failing', () => {
    it('is retried from the failed event', () => {
      given(decider, [created, failed])
        .when({ kind: 'RetryWebhookSubscription' })
        .thenEvents([{ type: 'WebhookSubscriptionRetried', data: { subscriptionId, fromPosition: '57' } }]);
    });

    it('refuses a resume by PATCH, naming the failure', () => {
      given(decider, [created, failed])
        .when({ kind: 'ChangeWebhookSubscription', paused: false })
        .thenRefuses({ code: 'WebhookSubscriptionFailing', facts: { status: 'failing', failure } });
    });

    it('keeps, as the position to resume from if the checkpoint is lost, the one before the failed event', () => {
      const state = [created, failed].reduce(decider.evolve, decider.initialState);
      expect(state.status === 'failing' && state.subscription.resumeFloor).toBe('56');
    });

    it('becomes active again by a replay', () => {
      const replayed: WebhookSubscriptionEvent = {
        type: 'WebhookSubscriptionReplayRequested',
        data: { subscriptionId, after: '3' },
      };
      const state = [created, failed, replayed].reduce(decider.evolve, decider.initialState);
      expect(state).toMatchObject({
        status: 'active',
        subscription: { replays: 1, replayAfter: '3', resumeFloor: '3' },
      });
    });
  });

  describe('when deleted', () => {
    it('answers not found to everything but a creation, which is refused', () => {
      given(decider, [created, deleted])
        .when({ kind: 'ChangeWebhookSubscription', paused: true })
        .thenRefuses({ code: 'WebhookSubscriptionNotFound' });
      given(decider, [created, deleted])
        .when(create)
        .thenRefuses({ code: 'WebhookSubscriptionExists', facts: { status: 'deleted' } });
    });
  });
});
