import { runCli } from './cli-process';
import { logSize } from './data-dir';
import type { AgeingResults } from './results';

/** Rebuild and verify (e): the CLI on the full log, each timed with its peak memory. */
export async function rebuildAndVerify(fullDir: string, log: (line: string) => void): Promise<AgeingResults['cli']> {
  const events = logSize(fullDir).events;
  const rebuild = await runCli(['rebuild'], fullDir);
  log(
    `  rebuild: ${events} events in ${rebuild.seconds.toFixed(1)} s = ${Math.round(events / rebuild.seconds)} events/s, ` +
      `peak ${Math.round(rebuild.peakRssMiB)} MiB, exit ${rebuild.exitCode}`,
  );
  const verify = await runCli(['verify'], fullDir);
  log(`  verify: ${verify.seconds.toFixed(1)} s, peak ${Math.round(verify.peakRssMiB)} MiB, exit ${verify.exitCode}`);
  for (const run of [rebuild, verify]) {
    if (run.exitCode !== 0) log(`  WARNING: ${run.args.join(' ')} exited ${run.exitCode}:\n${run.output}`);
  }
  return { events, rebuild, verify };
}
