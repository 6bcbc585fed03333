import { readBuildSettings, readLogParams } from './params';
import { ensureLogs } from './cache';

/** `npm run bench:log`: builds (or finds in the cache) the generated logs and prints what they hold. */
async function main(): Promise<void> {
  const logs = await ensureLogs(readLogParams(), readBuildSettings());
  console.log(JSON.stringify({ dir: logs.dir, builtNow: logs.builtNow, ...logs.build }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
