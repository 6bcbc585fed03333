import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * The OpenAPI document as an integrator's validator reads it. OpenAPI 3.0 schemas are
 * validated with ajv, whose `nullable` keyword is OpenAPI 3.0's (it widens `type` and nothing else).
 */

export type Schema = Record<string, unknown>;

export interface Operation {
  readonly security?: unknown[];
  readonly requestBody?: unknown;
  readonly parameters?: {
    readonly name: string;
    readonly in: string;
    readonly style?: string;
    readonly explode?: boolean;
  }[];
  readonly responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface Document {
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { readonly schemas: Record<string, Schema> };
}

export function operations(document: Document): { at: string; path: string; method: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      at: `${method.toUpperCase()} ${path}`,
      path,
      method,
      operation,
    })),
  );
}

/**
 * Every object schema that lists its properties, closed: no property it does not name
 * (`additionalProperties: false` where it says nothing of others). An answer that validates
 * against the closed document carries no field the document leaves out.
 */
export function closed(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(closed);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closed(value)])) as Schema;
  const isObject = schema.type === 'object' || schema.type === undefined;
  if (isObject && typeof schema.properties === 'object' && !('additionalProperties' in schema))
    schema.additionalProperties = false;
  return schema;
}

/** Compiles any schema of the document, its references into components resolved; `closed` as above. */
export function validators(
  document: Document,
  options: { closed?: boolean } = {},
): (schema: Schema) => ValidateFunction {
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
  const pointAtDocument = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
  const components = options.closed ? closed(document.components) : document.components;
  ajv.addSchema({ components }, 'openapi.json');
  return (schema) => ajv.compile(pointAtDocument(options.closed ? closed(schema) : schema));
}

export function responseSchema(document: Document, at: string, status: string, type = 'application/json'): Schema {
  const [method, path] = at.split(' ');
  const schema = document.paths[path]?.[method.toLowerCase()]?.responses[status]?.content?.[type]?.schema;
  if (!schema) throw new Error(`${at} declares no ${type} body for ${status}`);
  return schema;
}

/**
 * Whether a schema tells a generator the fields of what it describes: an object with
 * properties, an array of such, a oneOf/anyOf each of whose branches does (or is null), or a
 * reference to one. `type: object` with no properties (or only additionalProperties) does not.
 */
export function describesFields(document: Document, schema: Schema | undefined, seen = new Set<string>()): boolean {
  if (!schema) return false;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').at(-1)!;
    if (seen.has(name)) return true;
    return describesFields(document, document.components.schemas[name], new Set([...seen, name]));
  }
  const isNull = Array.isArray(schema.enum) && schema.enum.length === 1 && schema.enum[0] === null;
  if (isNull) return false;
  for (const combinator of ['oneOf', 'anyOf'] as const) {
    const branches = schema[combinator] as Schema[] | undefined;
    if (branches) {
      const typed = branches.filter((branch) => !(Array.isArray(branch.enum) && branch.enum.every((v) => v === null)));
      return typed.length > 0 && typed.every((branch) => describesFields(document, branch, seen));
    }
  }
  const allOf = schema.allOf as Schema[] | undefined;
  if (allOf) return allOf.some((part) => describesFields(document, part, seen));
  if (schema.type === 'array') return describesFields(document, schema.items as Schema | undefined, seen);
  const properties = schema.properties as Record<string, unknown> | undefined;
  return properties !== undefined && Object.keys(properties).length > 0;
}
