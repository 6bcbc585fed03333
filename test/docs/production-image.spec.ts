import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

/*
 * No Docker engine runs where this project is built, so the image is never built here: these
 * checks hold the Dockerfile and the compose file to what docs/operations.md promises.
 */
describe('the production image', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('is built in one stage and run from a slim one holding the build output and production dependencies only', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toMatch(/RUN npm ci/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
    expect(runtime).toMatch(/^node:20-bookworm-slim/);
    expect(runtime).not.toMatch(/^\s*(RUN|CMD|ENTRYPOINT)\b.*\bnpm\b/m);
    expect(runtime.match(/^COPY --from=build .* \/src\/(\S+)/gm)?.map((l) => l.split(/\s+/).at(-1))).toEqual([
      '/src/package.json',
      '/src/node_modules',
      '/src/dist',
      '/src/apps/cli/bin',
    ]);
  });

  it('runs as a non-root user that writes only its data volume, with a health check on /health', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/LEADLEDGER_DATA_DIR=\/var\/lib\/leadledger/);
    expect(runtime).toMatch(/^VOLUME \["\/var\/lib\/leadledger"\]$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/health/m);
  });

  it('is what docker compose runs against EventStoreDB: no npm at start, nothing mounted from the checkout', () => {
    const compose = read('docker-compose.yml');
    const engine = compose.slice(compose.indexOf('\n  engine:'), compose.indexOf('\nvolumes:'));
    expect(engine).toMatch(/^ {4}build: \.$/m);
    expect(engine).toMatch(/EVENTSTORE_CONNECTION_STRING: esdb:\/\/eventstore:2113/);
    expect(engine).not.toMatch(/npm/);
    expect(engine).not.toMatch(/^\s+- \.:/m);
  });
});
