import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { poolOf } from '../workflows/intake-fixtures';
import { type RawClient, openRawClient } from './support/raw-request';
import { type EngineHarness, startEngine } from './support/engine-harness';

/** 10,000 in the test suite; `FUZZ_RUNS=100000 npx jest test/e2e/http-fuzz` for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);

interface WriteRoute {
  readonly method: string;
  readonly path: string;
  /** Field names the route's body schema declares, so generated bodies reach validation and beyond. */
  readonly fields: readonly string[];
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: SchemaRef }> } }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}
type SchemaRef = { $ref?: string; properties?: Record<string, unknown> };

function writeRoutes(document: OpenApiDocument): WriteRoute[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        const resolved = schema?.$ref ? document.components.schemas[schema.$ref.split('/').at(-1)!] : schema;
        return { method: method.toUpperCase(), path, fields: Object.keys(resolved?.properties ?? {}) };
      }),
  );
}

/** Values of every JSON kind, weighted towards the edges a validator has to get right. */
const edgyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(
    '',
    ' ',
    '0',
    '-1',
    '1e309',
    'NaN',
    '2026-02-30',
    '2026-11-30T08:00:00Z',
    '9999-12-31T23:59:59.999Z',
    'east',
    'rep-a',
    '__proto__',
    'constructor',
    '\u0000',
    '😀'.repeat(50),
    'x'.repeat(5_000),
  ),
  fc.constantFrom(0, -0, -1, 1.5, 2 ** 53, -(2 ** 53), Number.MAX_VALUE, 1e21),
  fc.constantFrom(null, true, false, [], {}, [null], { __proto__: { polluted: true } }),
);

function bodyFor(route: WriteRoute): fc.Arbitrary<unknown> {
  const known =
    route.fields.length === 0
      ? fc.constant({})
      : fc.dictionary(fc.constantFrom(...route.fields), edgyValue, { maxKeys: route.fields.length + 1 });
  return fc.oneof(
    { weight: 4, arbitrary: known },
    { weight: 1, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: fc.dictionary(fc.string(), edgyValue) },
  );
}

/** Mostly what a JSON client sends, so most cases reach validation and the domain; the rest probe the edge. */
const mostly = <T>(usual: T, others: readonly T[]) =>
  fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
const contentTypes = mostly('application/json', [
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  'application/json;;;',
]);
const encodings = mostly<string | undefined>(undefined, ['identity', 'gzip', 'deflate', 'br', 'x-zip', 'gzip, gzip']);
const pathParameter = fc.oneof(
  fc.constantFrom('east', 'rep-a', 'lead-1', '2026-11', '..', '%00', '%E0%A4%A'),
  fc.string({ minLength: 1, maxLength: 40 }).map(encodeURIComponent),
);

describe('every write route, fed generated requests', () => {
  let engine: EngineHarness;
  let client: RawClient;
  let admin: string;
  let routes: WriteRoute[];
  beforeAll(async () => {
    engine = await startEngine();
    admin = `Bearer ${await engine.key('admin')}`;
    await poolOf(engine.store, 'east', ['rep-a']);
    await engine.settle();
    routes = writeRoutes((await engine.http().get('/docs/openapi.json').expect(200)).body as OpenApiDocument);
    client = await openRawClient(engine.app.getHttpServer());
  });
  afterAll(async () => {
    await client.close();
    await engine.close();
  });

  it('finds the write routes in the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/leads' }));
  });

  it(
    `never answers 5xx, and moves the log only for an accepted write (${RUNS} cases)`,
    async () => {
      const request = fc.constantFrom(...routes).chain((route) =>
        fc.record({
          route: fc.constant(route),
          parameters: fc.array(pathParameter, { minLength: 4, maxLength: 4 }),
          body: bodyFor(route),
          mangle: fc.oneof(
            { weight: 8, arbitrary: fc.constant(null) },
            { weight: 1, arbitrary: fc.nat() },
            { weight: 1, arbitrary: fc.string() },
          ),
          contentType: contentTypes,
          encoding: encodings,
          compress: fc.boolean(),
        }),
      );
      await fc.assert(
        fc.asyncProperty(request, async ({ route, parameters, body, mangle, contentType, encoding, compress }) => {
          let n = 0;
          const path = route.path.replace(/\{[^}]+\}/g, () => parameters[n++]);
          const json = JSON.stringify(body) ?? 'null';
          const text =
            mangle === null ? json : typeof mangle === 'number' ? json.slice(0, mangle % (json.length + 1)) : mangle;
          const bytes = compress && encoding === 'gzip' ? gzipSync(text) : Buffer.from(text);
          const headers: Record<string, string> = { Authorization: admin };
          if (contentType) headers['Content-Type'] = contentType;
          if (encoding) headers['Content-Encoding'] = encoding;

          const before = await engine.store.headPosition();
          const answer = await client.send({ method: route.method, path, headers, body: bytes });
          if (answer.status >= 500)
            throw new Error(`${route.method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
          if (answer.status < 300) {
            await engine.settle();
          } else {
            const after = await engine.store.headPosition();
            if (after !== before) {
              const written = await engine.store.readAll({ after: before });
              throw new Error(
                `${route.method} ${path} answered ${answer.status} ${JSON.stringify(answer.body)} and wrote ${written.map((e) => e.type).join(', ')}`,
              );
            }
          }
        }),
        { numRuns: RUNS },
      );
      const stats = (await engine.http().get('/stats').set('Authorization', admin).expect(200)).body as {
        byType: { count: number }[];
      };
      // The statistics count exactly what the log holds: refused requests left no trace.
      expect(stats.byType.reduce((sum, t) => sum + t.count, 0)).toBe(Number(await engine.store.headPosition()));
      // About 4 ms a case on a quiet machine; room for a loaded one.
    },
    60_000 + RUNS * 20,
  );
});
