import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

type Json = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const text = (description: string) => ({ type: 'string', description });
const status = (code: number) => ({ type: 'integer', enum: [code] });

const FACTS = { type: 'object', additionalProperties: true };
/** Each field, parameter or header at fault and what is wrong with it. */
const FIELD_PROBLEMS = { problems: { type: 'array', items: ref('FieldProblem') } };

/**
 * One error body: `statusCode` (that status alone), `error` (its name), `message`, and what else
 * the status carries; `required` lists the fields every such answer has.
 */
function problem(code: number, error: string, description: string, required: string[], more: Json = {}): Json {
  const properties = {
    statusCode: status(code),
    error: { type: 'string', example: error },
    message: { type: 'string' },
  };
  return { type: 'object', description, required, properties: { ...properties, ...more } };
}

/**
 * The error bodies the engine answers with, each modelled once: the validation pipe and the edge
 * (400, http/problem-body.ts), the guard (401, 403, 429), ProblemFilter (404, 409).
 */
const PROBLEM_SCHEMAS: Record<string, Json> = {
  FieldProblem: {
    type: 'object',
    required: ['field', 'problem'],
    properties: {
      field: text('The field (dotted path), query parameter or header at fault'),
      problem: text('What is wrong with it'),
    },
  },
  ValidationProblem: problem(
    400,
    'Bad Request',
    'Bad input, unknown fields included; nothing was written',
    ['statusCode', 'error', 'message', 'problems'],
    FIELD_PROBLEMS,
  ),
  AuthenticationProblem: problem(
    401,
    'Unauthorized',
    'No key, a malformed Authorization header, an unknown or revoked key, or the key of a rep who left',
    ['statusCode', 'message'],
  ),
  ForbiddenProblem: problem(
    403,
    'Forbidden',
    "The key's role is not admitted (the message names it and the admitted ones); a rep reading a colleague's customer also gets `code` CustomerOwnedByColleague and `current`",
    ['statusCode', 'message'],
    { code: { type: 'string' }, current: FACTS },
  ),
  NotFoundProblem: problem(404, 'Not Found', 'An id that names nothing', ['statusCode', 'error', 'message'], {
    field: text('The body field that named it, where it came from the body'),
  }),
  Refusal: problem(
    409,
    'Conflict',
    'A business rule refused the command; nothing was written',
    ['statusCode', 'error', 'code', 'message', 'current'],
    {
      code: text('A stable refusal code, e.g. CustomerProtected'),
      current: { ...FACTS, description: 'The facts of the current state' },
    },
  ),
  TooManyRequestsProblem: problem(429, 'Too Many Requests', 'Too many failed authentications from this address', [
    'statusCode',
    'error',
    'message',
  ]),
  ContentTooLargeProblem: problem(
    413,
    'Payload Too Large',
    'A body over LEADLEDGER_BODY_LIMIT_BYTES (also once decompressed), or a write too large for the store; nothing was written',
    ['statusCode', 'error', 'message'],
    { ...FIELD_PROBLEMS, code: text('WriteTooLarge for a write the store refuses') },
  ),
  UnsupportedMediaTypeProblem: problem(
    415,
    'Unsupported Media Type',
    'A body that is not JSON, in another charset than UTF-8/16/32, or in an unknown Content-Encoding; nothing was written',
    ['statusCode', 'error', 'message', 'problems'],
    FIELD_PROBLEMS,
  ),
  ServiceUnavailableProblem: problem(
    503,
    'Service Unavailable',
    'The read models are being built, a read model the answer needs has failed, the log cannot be read or written now, or the engine is shutting down; try again after Retry-After',
    ['statusCode', 'message'],
    { code: text('What is unavailable, e.g. ReadModelsRebuilding, LedgerBehindLog, StorageDamaged') },
  ),
};

interface ErrorAnswer {
  readonly schema: string;
  readonly description: string;
  readonly headers?: Json;
}

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } };

const ERROR_ANSWERS: Record<string, ErrorAnswer> = {
  '400': { schema: 'ValidationProblem', description: 'Bad input: each field and what is wrong with it' },
  '401': { schema: 'AuthenticationProblem', description: 'No valid API key' },
  '403': { schema: 'ForbiddenProblem', description: "The key's role is not admitted" },
  '404': { schema: 'NotFoundProblem', description: 'An id that names nothing' },
  '409': { schema: 'Refusal', description: 'A business rule refused the command' },
  '429': {
    schema: 'TooManyRequestsProblem',
    description: 'Too many failed authentications from this address',
    headers: RETRY_AFTER,
  },
  '413': { schema: 'ContentTooLargeProblem', description: 'The body, or the write it makes, is too large' },
  '415': { schema: 'UnsupportedMediaTypeProblem', description: 'The body is not JSON as the engine reads it' },
  '503': {
    schema: 'ServiceUnavailableProblem',
    description: 'Not now: the read models are being built, or the engine cannot answer yet',
    headers: RETRY_AFTER,
  },
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

interface Operation {
  security?: unknown[];
  requestBody?: unknown;
  parameters?: { in: string; name: string }[];
  responses: Record<string, Json>;
}

/** Which error answers an operation can give, by what it takes; what a controller declared stays and gets a body. */
function errorStatusesOf(path: string, method: string, operation: Operation): string[] {
  const where = new Set((operation.parameters ?? []).map((p) => p.in));
  const statuses = new Set(Object.keys(operation.responses).filter((s) => s in ERROR_ANSWERS));
  if (operation.security?.length) ['401', '403', '429'].forEach((s) => statuses.add(s));
  if (operation.requestBody || where.has('query') || where.has('header')) statuses.add('400');
  // A body names other things by id (a pool, a customer, a rep): one nobody knows is 404 naming the field.
  if (where.has('path') || operation.requestBody) statuses.add('404');
  if (operation.requestBody) ['413', '415'].forEach((s) => statuses.add(s));
  // Any answer may wait for the read models being built, or the engine stopping.
  if (path !== '/health') statuses.add('503');
  // Every write can be refused (and can lose a race for good: ConcurrentUpdate); what-if writes nothing.
  if (operation.security?.length && WRITES.has(method) && !path.startsWith('/what-if/')) statuses.add('409');
  return [...statuses];
}

function declareErrorAnswers(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (!operation?.responses) continue;
      for (const code of errorStatusesOf(path, method, operation)) {
        const standard = ERROR_ANSWERS[code];
        const declared = operation.responses[code] ?? {};
        operation.responses[code] = {
          ...declared,
          description: (declared.description as string | undefined) || standard.description,
          ...(standard.headers ? { headers: standard.headers } : {}),
          content: { 'application/json': { schema: ref(standard.schema) } },
        };
      }
    }
  }
}

/**
 * OpenAPI 3.0's `nullable` widens `type` only: a validator checks `null` against an allOf/$ref
 * beside it (and fails), and against an enum that leaves null out (and fails; OAS 3.0.3 says
 * the enum must list null). So a nullable reference becomes oneOf the object or null, and a
 * nullable enum lists null.
 */
export const NULL_SCHEMA = { type: 'object', nullable: true, enum: [null] } as const;

function admitNulls(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(admitNulls);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, admitNulls(value)])) as Json;
  if (schema.nullable !== true) return schema;
  if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  const allOf = schema.allOf as Json[] | undefined;
  const target = schema.$ref ? { $ref: schema.$ref } : allOf?.length === 1 && allOf[0].$ref ? allOf[0] : null;
  if (target) {
    const { $ref: _ref, allOf: _allOf, type: _type, nullable: _nullable, ...rest } = schema;
    return { ...rest, oneOf: [target, NULL_SCHEMA] };
  }
  return schema;
}

/** The OpenAPI document served at /docs: generated from the controllers and DTOs, then completed. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('leadledger')
      .setDescription(
        'Event-sourced lead-assignment and commission engine. The event feed (SSE, webhooks) is described in AsyncAPI at [/asyncapi.json](/asyncapi.json).',
      )
      .setVersion('0.1.0')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque',
        description:
          'An opaque API key (llk_ followed by 43 random characters), made with `keys create`; not a JWT, so it carries no claims to decode.',
      })
      .build(),
  );
  const completed = admitNulls(document) as OpenAPIObject;
  completed.components = {
    ...completed.components,
    schemas: { ...completed.components?.schemas, ...PROBLEM_SCHEMAS },
  };
  declareErrorAnswers(completed);
  return completed;
}
