import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateEventSchemas } from './event-schema-generator';

// `npm run events:schemas`: regenerates the committed schemas after an event type changed.
const root = join(__dirname, '..', '..', '..', '..');
const { schemas, unmapped } = generateEventSchemas(root);
if (unmapped.length > 0) {
  process.stderr.write(`Add these to PUBLIC_EVENT_TYPES or UNPUBLISHED_EVENT_TYPES first: ${unmapped.join(', ')}\n`);
  process.exit(1);
}
writeFileSync(join(__dirname, 'published-event-schemas.json'), `${JSON.stringify(schemas, null, 2)}\n`);
process.stdout.write(`wrote the schemas of ${Object.keys(schemas).length} published event types\n`);
