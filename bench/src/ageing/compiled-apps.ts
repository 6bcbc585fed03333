import { join } from 'node:path';
import { TIME_ZONE } from '../log/generated-log';

/** The compiled engine, as `npm start` runs it (`npm run build` makes it). */
export const ENGINE_MAIN = join(process.cwd(), 'dist', 'apps', 'engine', 'src', 'main.js');
export const CLI_MAIN = join(process.cwd(), 'dist', 'apps', 'cli', 'src', 'main.js');

/** The environment an engine or CLI child runs with: the data directory, UTC, China, and nothing else of ours. */
export function childEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LEADLEDGER_DATA_DIR: dataDir,
    LEADLEDGER_TIMEZONE: TIME_ZONE,
    LEADLEDGER_DEFAULT_COUNTRY: 'CN',
    LEADLEDGER_HOST: '127.0.0.1',
    ...extra,
  };
}
