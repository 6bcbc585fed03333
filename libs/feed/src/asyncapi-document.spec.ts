import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { asyncApiDocument } from './asyncapi-document';
import { PUBLISHED_EVENT_SCHEMAS } from './published-event-schemas';

type Schema = Record<string, unknown>;

interface Document {
  readonly defaultContentType: string;
  readonly components: { readonly schemas: Record<string, Schema>; readonly messages: Record<string, Schema> };
}

const document = asyncApiDocument(PUBLISHED_EVENT_SCHEMAS, '0.1.0') as unknown as Document;

/** A message's payload as one schema: its references to components.schemas pointed at $defs. */
function standalone(payload: Schema): Schema {
  const defs = JSON.parse(JSON.stringify(document.components.schemas).replaceAll('#/components/schemas/', '#/$defs/'));
  return { ...JSON.parse(JSON.stringify(payload).replaceAll('#/components/schemas/', '#/$defs/')), $defs: defs };
}

describe('the AsyncAPI document of the feed', () => {
  it('has schemas that every one compiles under ajv strict mode', () => {
    const failures: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      try {
        addFormats(new Ajv({ strict: true })).compile(schema);
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('has message payloads that compile under ajv strict mode, envelope and data together', () => {
    const failures: string[] = [];
    for (const [name, message] of Object.entries(document.components.messages)) {
      try {
        addFormats(new Ajv({ strict: true })).compile(standalone(message.payload as Schema));
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(Object.keys(document.components.messages).length).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it('describes an envelope that accepts a published event and refuses one without its data', () => {
    const validate = addFormats(new Ajv({ strict: true })).compile(document.components.schemas.CloudEventEnvelope);
    const event = {
      specversion: '1.0',
      id: '6f1c7a52-3b0e-4f27-9b61-0a8d4c2e9f10',
      source: 'urn:leadledger',
      type: 'leadledger.lead.assigned.v1',
      subject: 'lead-1',
      time: '2026-11-30T08:00:00.000Z',
      datacontenttype: 'application/json',
      data: { leadId: '1' },
      position: '1234',
      correlationid: 'c-1',
      actorid: 'key:1',
      actorrole: 'service',
    };
    expect(validate(event)).toBe(true);
    const { data: _data, ...withoutData } = event;
    expect(validate(withoutData)).toBe(false);
  });

  it('says each message is application/json, as the webhook POSTs and the stream carry it', () => {
    expect(document.defaultContentType).toBe('application/json');
    const contentTypes = new Set(Object.values(document.components.messages).map((m) => m.contentType));
    expect([...contentTypes]).toEqual(['application/json']);
  });
});
