import { type EventStore, readAllInBatches } from '@leadledger/event-store';
import { PUBLIC_EVENT_TYPES, PUBLISHED_EVENT_SCHEMAS, toPublishedEvent } from '@leadledger/feed';
import Ajv, { type ValidateFunction } from 'ajv';
import { closed } from './openapi-check';

const ajv = new Ajv({ allErrors: true, strict: false });
// Closed: the published schemas admit fields they do not name (later optional additions), but
// the engine's own events must carry no field their schema leaves out.
const validators = new Map<string, ValidateFunction>(
  Object.entries(PUBLISHED_EVENT_SCHEMAS).map(([type, schema]) => [type, ajv.compile(closed(schema) as object)]),
);

/**
 * What is wrong with the log as the feed would publish it: each event of a published type must
 * make a valid CloudEvent (the SDK checks the 1.0 spec) whose data its JSON Schema accepts.
 * Run on every e2e suite's log when it ends, so every event type the suites produce is checked.
 * Types of no domain (test fixtures such as `CallLogged`) are not the contract's business.
 */
export async function problemsPublishing(store: EventStore): Promise<string[]> {
  const problems: string[] = [];
  for await (const batch of readAllInBatches(store, { maxCount: 1000 })) {
    for (const event of batch) {
      if (!(event.type in PUBLIC_EVENT_TYPES)) continue;
      try {
        const published = toPublishedEvent(event, 'urn:leadledger:test')!;
        const validate = validators.get(published.type);
        if (!validate) problems.push(`${published.type}: no JSON Schema`);
        else if (!validate(published.data))
          problems.push(`${published.type} at ${event.position}: ${ajv.errorsText(validate.errors)}`);
      } catch (error) {
        problems.push(`${event.type} at ${event.position}: not a valid CloudEvent: ${String(error)}`);
      }
      if (problems.length >= 10) return problems;
    }
  }
  return problems;
}
