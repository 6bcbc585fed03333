import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { PUBLIC_EVENT_TYPES, UNPUBLISHED_EVENT_TYPES } from '../public-event-types';

/** Every union of internal events (each declared in a `*.events.ts` file): the source the schemas are generated from. */
export const EVENT_UNIONS: readonly string[] = [
  'LeadEvent',
  'RepEvent',
  'PoolEvent',
  'IdentityKeyEvent',
  'CustomerEvent',
  'SharedPoolEvent',
  'DailyClaimsEvent',
  'SaleEvent',
  'PlanBookEvent',
  'CommissionPeriodsEvent',
  'DisputeEvent',
  'ApiKeyEvent',
  'WebhookSubscriptionEvent',
  'IdempotencyKeyEvent',
];

export type JsonSchema = Record<string, unknown>;

export interface GeneratedSchemas {
  /** The JSON Schema of each published type's `data`, by public type, in contract order. */
  readonly schemas: Record<string, JsonSchema>;
  /** Internal types found in the unions that are neither published nor listed as unpublished. */
  readonly unmapped: readonly string[];
}

interface UnionMember {
  readonly properties: { readonly type: { readonly const: string }; readonly data: JsonSchema };
}

/**
 * Generates the schemas from the TypeScript event types (ts-json-schema-generator), so the
 * published contract cannot drift from the code: a test regenerates them and compares with the
 * committed file. Slow (a TypeScript program): run by that test and `npm run events:schemas`.
 */
export function generateEventSchemas(root: string): GeneratedSchemas {
  const byInternalType = new Map<string, JsonSchema>();
  // One TypeScript program over every events file, asked for each union in turn.
  const generator = createGenerator({
    path: join(root, 'libs/*/src/**/*.events.ts'),
    tsconfig: join(root, 'tsconfig.json'),
    expose: 'none',
    topRef: false,
    skipTypeCheck: true,
    jsDoc: 'basic',
  });
  for (const union of EVENT_UNIONS) {
    const schema = generator.createSchema(union) as { anyOf?: UnionMember[] } & UnionMember;
    for (const member of schema.anyOf ?? [schema])
      byInternalType.set(member.properties.type.const, member.properties.data);
  }
  const schemas: Record<string, JsonSchema> = {};
  for (const [internal, publicType] of Object.entries(PUBLIC_EVENT_TYPES)) {
    const data = byInternalType.get(internal);
    if (data)
      schemas[publicType] = {
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: publicType,
        ...(openToAdditions(data) as JsonSchema),
      };
  }
  const unmapped = [...byInternalType.keys()].filter(
    (internal) => !(internal in PUBLIC_EVENT_TYPES) && !(internal in UNPUBLISHED_EVENT_TYPES),
  );
  return { schemas, unmapped };
}

/**
 * The schema with every object open to fields it does not name: adding an optional field to a
 * published type is not a new version (docs/integration.md), so a validator built from today's
 * schema must take tomorrow's event. The engine's own tests check events against them closed.
 */
function openToAdditions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(openToAdditions);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(([key, value]) => !(key === 'additionalProperties' && value === false));
  return Object.fromEntries(entries.map(([key, value]) => [key, openToAdditions(value)]));
}
