import { PUBLIC_EVENT_TYPES } from './public-event-types';

type Schema = Record<string, unknown>;

/** A message name AsyncAPI accepts: `leadledger.lead.assigned.v1` -> `leadledger_lead_assigned_v1`. */
const messageName = (type: string): string => type.replace(/[^A-Za-z0-9_]/g, '_');

/** The CloudEvents attributes every published event carries, around its `data`. */
const envelope: Schema = {
  type: 'object',
  required: [
    'specversion',
    'id',
    'source',
    'type',
    'subject',
    'time',
    'datacontenttype',
    'data',
    'position',
    'correlationid',
    'actorid',
    'actorrole',
  ],
  properties: {
    specversion: { const: '1.0' },
    id: { type: 'string', description: 'The event id: the same on every redelivery; de-duplicate by it' },
    source: { type: 'string', description: 'LEADLEDGER_EVENT_SOURCE of the engine' },
    type: { type: 'string' },
    subject: { type: 'string', description: 'The stream, e.g. lead-<leadId>' },
    time: { type: 'string', format: 'date-time', description: 'When it happened in the business' },
    datacontenttype: { const: 'application/json' },
    data: { type: 'object', description: "The event's own fields; each message names their schema" },
    position: {
      type: 'string',
      pattern: '^[0-9]+$',
      description: 'Global position in the log (commit order), a decimal string',
    },
    correlationid: { type: 'string' },
    causationid: { type: 'string' },
    actorid: { type: 'string' },
    actorrole: { type: 'string' },
    reason: { type: 'string', description: 'Why, where a person decided' },
  },
};

/** Why the engine ended an SSE stream: a client too slow to keep up, or the engine stopping. */
export const FEED_CLOSED_REASONS = ['slow-consumer', 'shutdown'] as const;
export type FeedClosedReason = (typeof FEED_CLOSED_REASONS)[number];

/** The SSE stream's last message, `event: leadledger.feed.closed`: why it ended and where to resume. */
const feedClosed: Schema = {
  name: 'leadledger.feed.closed',
  title: 'leadledger.feed.closed',
  summary:
    'The last message of a stream the engine ends (SSE `event: leadledger.feed.closed`, no `id:`): reconnect with Last-Event-ID = lastEventId',
  contentType: 'application/json',
  payload: {
    type: 'object',
    required: ['reason', 'lastEventId'],
    additionalProperties: false,
    properties: {
      reason: { type: 'string', enum: [...FEED_CLOSED_REASONS] },
      lastEventId: {
        type: 'string',
        pattern: '^[0-9]+$',
        description:
          'The position the stream had reached: the last event sent, or on a filtered stream possibly a later position it passed over; reconnect with it and the same filter',
      },
    },
  },
};
const FEED_CLOSED = 'leadledger_feed_closed';

/**
 * The AsyncAPI 3.0 description of the feed, made from the same JSON Schemas the tests check the
 * events against: one message per published type, sent on the SSE stream and by webhooks.
 */
export function asyncApiDocument(schemas: Record<string, Schema>, version: string): Schema {
  const types = Object.values(PUBLIC_EVENT_TYPES);
  const messages = Object.fromEntries(
    types.map((type) => [
      messageName(type),
      {
        name: type,
        title: type,
        // What the engine sends: webhook POSTs carry Content-Type application/json, and the SSE
        // stream's data lines and /events hold the same plain JSON (CloudEvents structured mode).
        contentType: 'application/json',
        payload: {
          allOf: [
            { $ref: '#/components/schemas/CloudEventEnvelope' },
            {
              type: 'object',
              properties: { type: { const: type }, data: { $ref: `#/components/schemas/${messageName(type)}` } },
            },
          ],
        },
      },
    ]),
  );
  const references = Object.fromEntries(
    types.map((type) => [messageName(type), { $ref: `#/components/messages/${messageName(type)}` }]),
  );
  const dataSchemas = Object.fromEntries(
    types.map((type) => {
      const { $schema: _draft, ...schema } = schemas[type] ?? {};
      return [messageName(type), schema];
    }),
  );
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'leadledger event feed',
      version,
      description:
        'Every published event of the log as a CloudEvent 1.0 (structured JSON), in commit order. Pull a page with GET /events, follow the log with GET /events/stream (Server-Sent Events, resume with Last-Event-ID), or subscribe a webhook (POST /subscriptions; Standard Webhooks signatures). See docs/integration.md.',
    },
    defaultContentType: 'application/json',
    channels: {
      eventStream: {
        address: '/events/stream',
        title: 'Server-Sent Events',
        description:
          'One SSE message per event: `id:` its position, `data:` the CloudEvent JSON. Filters: ?types=&streams=.',
        messages: { ...references, [FEED_CLOSED]: { $ref: `#/components/messages/${FEED_CLOSED}` } },
      },
      webhook: {
        address: '{subscriptionUrl}',
        title: 'Webhook deliveries',
        description:
          'A POST of one CloudEvent per request to the subscription URL, signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature).',
        parameters: { subscriptionUrl: { description: 'The url given to POST /subscriptions' } },
        messages: references,
      },
    },
    operations: {
      streamEvents: {
        action: 'send',
        channel: { $ref: '#/channels/eventStream' },
        summary: 'The engine sends each event, in commit order, to every connected stream that matches its filter',
      },
      deliverWebhook: {
        action: 'send',
        channel: { $ref: '#/channels/webhook' },
        summary:
          'The engine delivers each event at least once, in order, to every subscription that matches its filter',
      },
    },
    components: {
      schemas: { CloudEventEnvelope: envelope, ...dataSchemas },
      messages: { ...messages, [FEED_CLOSED]: feedClosed },
    },
  };
}
