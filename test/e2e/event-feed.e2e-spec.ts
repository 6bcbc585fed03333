import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import Ajv from 'ajv';
import { EventSource } from 'eventsource';
import { poolOf } from '../workflows/intake-fixtures';
import { type EngineHarness, startEngine } from './support/engine-harness';

interface FeedEvent {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly position: string;
  readonly specversion: string;
  readonly source: string;
}

/** Everything an EventSource receives, and a way to wait for a count. */
function collect(source: EventSource): { events: FeedEvent[]; lastIds: string[]; until(count: number): Promise<void> } {
  const events: FeedEvent[] = [];
  const lastIds: string[] = [];
  const waiters: (() => void)[] = [];
  source.onmessage = (message) => {
    events.push(JSON.parse(message.data));
    lastIds.push(message.lastEventId);
    waiters.splice(0).forEach((wake) => wake());
  };
  return {
    events,
    lastIds,
    until: async (count) => {
      while (events.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

describe('the event feed', () => {
  let engine: EngineHarness;
  let service: string;
  let url: string;
  const leads = (from: number, count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, n) =>
        engine
          .http()
          .post('/leads')
          .set('Authorization', service)
          .send({
            channel: 'web-form',
            contact: { phone: `1390000${String(from + n).padStart(4, '0')}` },
            poolId: 'east',
          })
          .expect(201),
      ),
    );

  beforeAll(async () => {
    engine = await startEngine({
      env: { LEADLEDGER_EVENT_SOURCE: 'urn:leadledger:test', LEADLEDGER_SSE_HEARTBEAT_MS: '20' },
    });
    service = `Bearer ${await engine.key('service')}`;
    await poolOf(engine.store, 'east', ['rep-a', 'rep-b']);
    await leads(0, 5);
    await engine.settle();
    const server = engine.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    const server = engine.app.getHttpServer() as Server;
    server.closeAllConnections();
    await engine.close();
  });

  const withKey = (init: { headers?: Record<string, string> } = {}) => ({
    fetch: (input: string | URL, options?: { headers?: Record<string, string> }) =>
      fetch(input, { ...options, headers: { ...options?.headers, ...init.headers, Authorization: service } }),
  });

  describe('GET /events', () => {
    it('pages through the log as CloudEvents in commit order, without key events', async () => {
      const seen: FeedEvent[] = [];
      let after = '0';
      for (;;) {
        const { body } = await engine
          .http()
          .get(`/events?after=${after}&limit=7`)
          .set('Authorization', service)
          .expect(200);
        seen.push(...body.events);
        if (body.next === after) break;
        after = body.next;
      }
      const positions = seen.map((e) => BigInt(e.position));
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : 1)));
      expect(seen.length).toBeGreaterThan(20);
      expect(seen.every((e) => e.specversion === '1.0' && e.source === 'urn:leadledger:test')).toBe(true);
      expect(seen.some((e) => e.type === 'leadledger.lead.assigned.v1')).toBe(true);
      expect(seen.some((e) => e.type.includes('key') && e.subject.startsWith('api-key-'))).toBe(false);
    });

    it('filters by type, by area and by stream prefix', async () => {
      const get = async (query: string) =>
        (await engine.http().get(`/events?${query}`).set('Authorization', service).expect(200)).body
          .events as FeedEvent[];
      const assigned = await get('types=leadledger.lead.assigned.v1');
      expect(assigned).toHaveLength(5);
      expect(new Set((await get('types=leadledger.customer.*')).map((e) => e.type.split('.')[1]))).toEqual(
        new Set(['customer']),
      );
      const pool = await get('streams=pool-');
      expect(pool.length).toBeGreaterThan(0);
      expect(pool.every((e) => e.subject === 'pool-east')).toBe(true);
    });

    it('answers 400 for a bad cursor or a type nothing is published as, and 403 to a rep', async () => {
      await engine.http().get('/events?after=-1').set('Authorization', service).expect(400);
      // The same check as a webhook subscription's filter: a misspelt type matches nothing, so it is refused.
      for (const types of ['leadledger.nope.*', 'leadledger.lead.assinged.v1']) {
        const bad = await engine.http().get(`/events?types=${types}`).set('Authorization', service).expect(400);
        expect(bad.body.problems).toEqual([expect.objectContaining({ field: 'types' })]);
        await engine.http().get(`/events/stream?types=${types}`).set('Authorization', service).expect(400);
      }
      // A cursor past the head (a log restored from a backup) is refused, not answered with nothing.
      const head = (await engine.store.headPosition()).toString();
      const past = (BigInt(head) + 5n).toString();
      const refused = await engine.http().get(`/events?after=${past}`).set('Authorization', service).expect(409);
      expect(refused.body).toMatchObject({ code: 'CursorPastHead', current: { after: past, head } });
      await engine.http().get(`/events?after=${head}`).set('Authorization', service).expect(200);
      const stream = engine.http().get('/events/stream').set('Authorization', service).set('Last-Event-ID', past);
      expect((await stream.expect(409)).body.code).toBe('CursorPastHead');
      const rep = `Bearer ${await engine.key('rep', 'rep-a')}`;
      await engine.http().get('/events').set('Authorization', rep).expect(403);
      await engine.http().get('/events/stream').set('Authorization', rep).expect(403);
    });
  });

  describe('GET /asyncapi.json', () => {
    it('describes the SSE stream and the webhooks in AsyncAPI 3, one message per published type, from the same schemas', async () => {
      const { body } = await engine.http().get('/asyncapi.json').expect(200);
      expect(body.asyncapi).toBe('3.0.0');
      expect(body.channels.eventStream.address).toBe('/events/stream');
      expect(body.operations.deliverWebhook.channel).toEqual({ $ref: '#/channels/webhook' });
      const messages = Object.values(body.components.messages) as { name: string; payload: { allOf: object[] } }[];
      expect(messages.map((m) => m.name)).toContain('leadledger.lead.assigned.v1');
      // Every message but the stream's own closing one is a published event type.
      for (const message of messages.filter((m) => m.name !== 'leadledger.feed.closed')) {
        const dataRef = (message.payload.allOf[1] as { properties: { data: { $ref: string } } }).properties.data.$ref;
        expect(body.components.schemas[dataRef.split('/').at(-1)!]).toMatchObject({ type: 'object' });
      }
      const { body: openApi } = await engine.http().get('/docs/openapi.json').expect(200);
      expect(openApi.info.description).toContain('/asyncapi.json');
    });
  });

  describe('GET /events/stream', () => {
    it('catches up, goes live, and resumes after a reconnect with Last-Event-ID with no gap and no duplicate', async () => {
      const { body: all } = await engine.http().get('/events?limit=1000').set('Authorization', service).expect(200);
      const before = all.events.length as number;

      const first = new EventSource(`${url}/events/stream?after=0`, withKey());
      const one = collect(first);
      await one.until(before);
      await leads(100, 2);
      await engine.settle();
      const { body: more } = await engine.http().get('/events?limit=1000').set('Authorization', service).expect(200);
      await one.until(more.events.length);
      first.close();
      const lastEventId = one.lastIds.at(-1)!;

      await leads(200, 3);
      await engine.settle();
      const second = new EventSource(`${url}/events/stream`, withKey({ headers: { 'Last-Event-ID': lastEventId } }));
      const two = collect(second);
      const { body: now } = await engine.http().get('/events?limit=1000').set('Authorization', service).expect(200);
      await two.until(now.events.length - one.events.length);
      second.close();

      const joined = [...one.events, ...two.events].map((e) => e.id);
      expect(joined).toEqual(now.events.map((e: FeedEvent) => e.id));
      expect(one.lastIds).toEqual(one.events.map((e) => e.position));
    });

    it('sends heartbeats while idle, and streams only what the filter asks for', async () => {
      const text = await readStream('/events/stream?after=0&types=leadledger.lead.received.v1', (so) =>
        so.includes(': heartbeat'),
      );
      const ids = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]).type);
      expect(ids.length).toBeGreaterThan(0);
      expect(new Set(ids)).toEqual(new Set(['leadledger.lead.received.v1']));
    });

    /** Reads a stream with a plain HTTP client until `enough` says so. */
    function readStream(path: string, enough: (soFar: string) => boolean): Promise<string> {
      return new Promise((resolve, reject) => {
        const call = httpRequest(`${url}${path}`, { headers: { Authorization: service } }, (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
            if (enough(text)) {
              call.destroy();
              resolve(text);
            }
          });
        });
        call.on('error', (error) => (call.destroyed ? undefined : reject(error)));
        call.end();
      });
    }
  });

  describe('a client that stops reading', () => {
    let slow: EngineHarness;
    let slowUrl: string;
    beforeAll(async () => {
      // No read models: the events below are only there to be streamed.
      slow = await startEngine({ projections: [], env: { LEADLEDGER_SSE_MAX_BUFFER_BYTES: String(16 * 1024) } });
      const server = slow.app.getHttpServer() as Server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      slowUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      (slow.app.getHttpServer() as Server).closeAllConnections();
      await slow.close();
    });

    it('is disconnected with a closing event naming the reason, instead of being buffered for without bound', async () => {
      const key = `Bearer ${await slow.key('service')}`;
      const big = { note: 'x'.repeat(50_000) };
      const closing = new Promise<string>((resolve, reject) => {
        const call = httpRequest(
          `${slowUrl}/events/stream?after=0`,
          { headers: { Authorization: key } },
          (response) => {
            response.pause();
            void (async () => {
              // 10 MB of events while the client reads nothing, more than any socket buffer holds.
              for (let n = 0; n < 200; n++) {
                const event = {
                  type: 'CommissionAdjusted',
                  data: big,
                  metadata: {
                    actorId: 'test',
                    actorRole: 'admin',
                    reason: null,
                    occurredAt: '2026-11-30T00:00:00.000Z',
                    correlationId: `c-${n}`,
                    causationId: null,
                    idempotencyKey: null,
                    schemaVersion: 1,
                  },
                };
                await slow.store.appendToStream(`bulk-${n}`, [event], { expectedRevision: 'no_stream' });
              }
              let text = '';
              response.setEncoding('utf8');
              response.on('data', (chunk: string) => (text += chunk));
              response.on('end', () => resolve(text));
              response.resume();
            })().catch(reject);
          },
        );
        call.on('error', reject);
        call.end();
      });
      const text = await closing;
      const last = text.trimEnd().split('\n\n').at(-1)!;
      expect(last).toMatch(/^event: leadledger\.feed\.closed\ndata: /);
      const closed = JSON.parse(last.split('data: ')[1]);
      const { reason, lastEventId } = closed;
      expect(reason).toBe('slow-consumer');
      // The message is in the published contract, as integration.md tells clients to listen for it.
      const asyncapi = (await slow.http().get('/asyncapi.json').expect(200)).body;
      const message = asyncapi.components.messages.leadledger_feed_closed;
      expect(message.name).toBe('leadledger.feed.closed');
      expect(new Ajv({ strict: true }).validate(message.payload, closed)).toBe(true);
      expect(asyncapi.channels.eventStream.messages.leadledger_feed_closed).toBeDefined();
      // Everything it did get is in order, up to the position it may resume after.
      const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => BigInt(m[1]));
      expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : 1)));
      expect(BigInt(lastEventId)).toBe(ids.at(-1) ?? 0n);
      expect(ids.length).toBeLessThan(200);
    });
  });
});
