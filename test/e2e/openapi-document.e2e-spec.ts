import { type EngineHarness, startEngine } from './support/engine-harness';
import {
  type Document,
  type Operation,
  type Schema,
  describesFields,
  operations,
  responseSchema,
  validators,
} from './support/openapi-check';
import { registerReps } from './support/sales-team';

/**
 * The OpenAPI document as an integrator's generator and validator read it: walked whole, and
 * checked against what the engine really answers (test/e2e/openapi-answers checks an answer of
 * each route whose body it describes).
 */

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** The 2xx answers with no JSON body, and why: every other 2xx answer is JSON whose fields the document names. */
const NOT_JSON: Record<string, string> = {
  'GET /events/stream 200': 'an SSE stream (text/event-stream): its events are described in AsyncAPI',
  'GET /metrics 200': "the Prometheus text exposition (text/plain), Prometheus's own format",
  'DELETE /subscriptions/{id} 204': 'no content',
};

/** Every schema object in the document, with where it is. */
function* schemaNodes(node: unknown, at: string): Generator<[string, Schema]> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* schemaNodes(item, `${at}/${i}`);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  if ('nullable' in node) yield [at, node as Schema];
  for (const [key, value] of Object.entries(node)) yield* schemaNodes(value, `${at}/${key}`);
}

describe('the OpenAPI document, as an integrator validates against it', () => {
  let engine: EngineHarness;
  let document: Document;
  let compile: ReturnType<typeof validators>;
  let admin: string;
  /** The engine's answer checked against what the document declares for it. */
  const conforms = (at: string, status: number, body: unknown) => {
    const validate = compile(responseSchema(document, at, String(status)));
    return validate(body) ? [] : [`${at} ${status}: ${JSON.stringify(validate.errors)}`];
  };

  beforeAll(async () => {
    engine = await startEngine({ env: { LEADLEDGER_AUTH_FAILURES_PER_MINUTE: '2' } });
    document = (await engine.http().get('/docs/openapi.json').expect(200)).body;
    compile = validators(document);
    admin = `Bearer ${await engine.key('admin')}`;
  });
  afterAll(async () => engine.close());

  it('admits null in every nullable field of the whole document (enums list null, references are oneOf with null)', async () => {
    const refusingNull: string[] = [];
    let nullable = 0;
    for (const [at, schema] of schemaNodes(document, '#')) {
      if (schema.nullable !== true) continue;
      nullable += 1;
      try {
        if (!compile(schema)(null)) refusingNull.push(at);
      } catch (error) {
        refusingNull.push(`${at}: ${(error as Error).message}`);
      }
    }
    expect(nullable).toBeGreaterThan(50);
    expect(refusingNull).toEqual([]);

    // And real answers with nulls in them: a projection's failure, a rep's departure mode, an owner as of a day.
    const manager = `Bearer ${await engine.key('manager')}`;
    await registerReps(engine, manager, ['rep-n']);
    const health = await engine.http().get('/health').expect(200);
    expect(health.body.projections[0].failure).toBeNull();
    const reps = await engine.http().get('/reps').set('Authorization', admin).expect(200);
    expect(reps.body.some((rep: { departureMode: unknown }) => rep.departureMode === null)).toBe(true);
    expect([...conforms('GET /health', 200, health.body), ...conforms('GET /reps', 200, reps.body)]).toEqual([]);
  });

  it('declares GET /customers 200 as a customer (key look-up) or a page (list filters)', async () => {
    const page = await engine.http().get('/customers?status=released').set('Authorization', admin).expect(200);
    expect(page.body).toMatchObject({ items: [], total: 0, nextOffset: null });
    expect(conforms('GET /customers', 200, page.body)).toEqual([]);
    expect(responseSchema(document, 'GET /customers', '200')).toEqual({
      oneOf: [{ $ref: '#/components/schemas/CustomerDto' }, { $ref: '#/components/schemas/CustomerPageDto' }],
    });
  });

  it('declares the success status of every operation, with a body where the route answers one', () => {
    const withoutSuccess = operations(document)
      .filter(({ operation }) => !Object.keys(operation.responses).some((status) => /^2\d\d$/.test(status)))
      .map(({ at }) => at);
    expect(withoutSuccess).toEqual([]);
    const expected: [string, string][] = [
      ['POST /commission-plans', '201'],
      ['GET /commission-plans', '200'],
      ['POST /payout-runs', '201'],
      ['GET /payout-runs', '200'],
      ['GET /payout-runs/{period}', '200'],
      ['GET /payout-runs/{period}/preview', '200'],
      ['POST /sales', '201'],
      ['GET /sales', '200'],
      ['GET /sales/{id}', '200'],
      ['POST /sales/{id}/payments', '201'],
      ['POST /sales/{id}/refunds', '201'],
      ['POST /sales/{id}/cancellation', '200'],
      ['GET /attribution', '200'],
      ['POST /ledger/adjustments', '201'],
      ['GET /reps/{id}/statements/{period}', '200'],
      ['GET /partners/{id}/statements/{period}', '200'],
      ['GET /reconciliation', '200'],
    ];
    const missing = expected.filter(([at, status]) => {
      try {
        return !responseSchema(document, at, status);
      } catch {
        return true;
      }
    });
    expect(missing).toEqual([]);
    const [method, path] = ['post', '/disputes/{id}/resolution'];
    expect(document.paths[path][method].responses['200']).toBeDefined();
  });

  it('names the fields of every 2xx JSON answer, and lists the answers that are not JSON with why', () => {
    const undescribed: string[] = [];
    const notJson: string[] = [];
    for (const { at, operation } of operations(document)) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^2\d\d$/.test(status)) continue;
        const json = response.content?.['application/json'];
        if (!json) notJson.push(`${at} ${status}`);
        else if (!describesFields(document, json.schema))
          undescribed.push(`${at} ${status}: ${JSON.stringify(json.schema)}`);
      }
    }
    expect(undescribed).toEqual([]);
    expect(notJson.sort()).toEqual(Object.keys(NOT_JSON).sort());
  });

  it('declares the error answers wherever they can occur, each with its modelled body', () => {
    const missing: string[] = [];
    const expectAnswer = (at: string, operation: Operation, status: string, schema: string) => {
      const declared = operation.responses[status]?.content?.['application/json']?.schema;
      if (declared?.$ref !== `#/components/schemas/${schema}`) missing.push(`${at} ${status}`);
    };
    for (const { at, path, method, operation } of operations(document)) {
      const where = new Set((operation.parameters ?? []).map((p) => p.in));
      if (operation.security?.length) {
        expectAnswer(at, operation, '401', 'AuthenticationProblem');
        expectAnswer(at, operation, '403', 'ForbiddenProblem');
        expectAnswer(at, operation, '429', 'TooManyRequestsProblem');
        if (WRITES.has(method) && !path.startsWith('/what-if/')) expectAnswer(at, operation, '409', 'Refusal');
      }
      if (operation.requestBody || where.has('query')) expectAnswer(at, operation, '400', 'ValidationProblem');
      if (where.has('path') || operation.requestBody) expectAnswer(at, operation, '404', 'NotFoundProblem');
      if (operation.requestBody) {
        expectAnswer(at, operation, '413', 'ContentTooLargeProblem');
        expectAnswer(at, operation, '415', 'UnsupportedMediaTypeProblem');
      }
      if (path !== '/health') expectAnswer(at, operation, '503', 'ServiceUnavailableProblem');
    }
    expectAnswer('GET /events', document.paths['/events'].get, '409', 'Refusal');
    expectAnswer('GET /subscriptions/{id}', document.paths['/subscriptions/{id}'].get, '404', 'NotFoundProblem');
    expect(missing).toEqual([]);
    expect(document.paths['/stats'].get.responses['429']).toMatchObject({ headers: { 'Retry-After': {} } });
  });

  it('describes the feed: CloudEvents in a page, an SSE stream, comma-separated filters', async () => {
    const page = document.components.schemas.FeedPageDto as { properties: { events: { items: Schema } } };
    expect(page.properties.events.items).toEqual({ $ref: '#/components/schemas/CloudEventDto' });
    const events = await engine.http().get('/events').set('Authorization', admin).expect(200);
    expect(events.body.events.length).toBeGreaterThan(0);
    expect(conforms('GET /events', 200, events.body)).toEqual([]);

    expect(responseSchema(document, 'GET /events/stream', '200', 'text/event-stream')).toMatchObject({
      type: 'string',
    });
    for (const path of ['/events', '/events/stream']) {
      const filters = document.paths[path].get.parameters!.filter((p) => p.name === 'types' || p.name === 'streams');
      expect(filters.map(({ name, style, explode }) => ({ name, style, explode }))).toEqual([
        { name: 'types', style: 'form', explode: false },
        { name: 'streams', style: 'form', explode: false },
      ]);
    }
  });

  it('models the error bodies as the engine answers them', async () => {
    const rep = `Bearer ${await engine.key('rep', 'rep-e')}`;
    const lead = (body: object | string, type = 'application/json') =>
      engine.http().post('/leads').set('Authorization', admin).set('Content-Type', type).send(body);
    const answers: [string, number, () => Promise<{ status: number; body: unknown }>][] = [
      ['GET /events', 400, () => engine.http().get('/events?after=x').set('Authorization', admin)],
      ['GET /stats', 401, () => engine.http().get('/stats')],
      ['GET /stats', 403, () => engine.http().get('/stats').set('Authorization', rep)],
      ['GET /subscriptions/{id}', 404, () => engine.http().get('/subscriptions/nope').set('Authorization', admin)],
      ['GET /events', 409, () => engine.http().get('/events?after=999999').set('Authorization', admin)],
      // A body naming a pool nobody created: 404 naming the field.
      ['POST /leads', 404, () => lead({ channel: 'web-form', contact: { phone: '13900000099' }, poolId: 'nope' })],
      ['POST /leads', 415, () => lead('channel=web-form', 'text/plain')],
      ['POST /leads', 413, () => lead({ channel: 'web-form', contact: { name: 'x'.repeat(200_000) } })],
    ];
    const problems: string[] = [];
    for (const [at, status, send] of answers) {
      const answer = await send();
      expect(`${at} ${answer.status}`).toBe(`${at} ${status}`);
      problems.push(...conforms(at, status, answer.body));
    }
    // Past LEADLEDGER_AUTH_FAILURES_PER_MINUTE (2 here) failed keys, the address is answered 429 (the last test: it stays blocked).
    for (let i = 0; i < 3; i += 1) await engine.http().get('/stats').set('Authorization', 'Bearer llk_guess');
    const blocked = await engine.http().get('/stats').set('Authorization', admin).expect(429);
    problems.push(...conforms('GET /stats', 429, blocked.body));
    expect(problems).toEqual([]);
  });
});
