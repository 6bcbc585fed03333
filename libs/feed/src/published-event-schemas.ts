import schemas from './schemas/published-event-schemas.json';

/** The JSON Schema of each published type's data, generated from the event types (`npm run events:schemas`). */
export const PUBLISHED_EVENT_SCHEMAS = schemas as Record<string, Record<string, unknown>>;
