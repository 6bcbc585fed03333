import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeJson } from '../results';
import { type BuildReport, buildLog } from './generate';
import {
  type BuildSettings,
  CACHE_MAX_AGE_DAYS,
  FRESH_LOG_FILE,
  FULL_LOG_FILE,
  type LogParams,
  MANIFEST_FILE,
  cacheKey,
  checkpointFile,
} from './params';

export interface CachedLogs {
  readonly dir: string;
  readonly key: string;
  readonly params: LogParams;
  readonly build: BuildReport;
  /** True when this run built the logs, false when it found them in the cache. */
  readonly builtNow: boolean;
  readonly fresh: string;
  readonly full: string;
  checkpoint(poolLeads: number): string;
}

interface Manifest {
  readonly params: LogParams;
  readonly build: BuildReport;
}

function usable(dir: string, params: LogParams): Manifest | null {
  const file = join(dir, MANIFEST_FILE);
  if (!existsSync(file)) return null;
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  const ageDays = (Date.now() - Date.parse(manifest.build.builtAt)) / 86_400_000;
  if (ageDays > CACHE_MAX_AGE_DAYS) return null;
  const files = [FRESH_LOG_FILE, FULL_LOG_FILE, ...params.poolCheckpoints.map(checkpointFile)];
  return files.every((f) => existsSync(join(dir, f))) ? manifest : null;
}

/**
 * The logs for `params`: from the cache when a usable copy is there (built with the same
 * parameters, less than CACHE_MAX_AGE_DAYS ago), else built now and stored for the next run.
 * Callers copy the files; nobody writes to the cache's own.
 */
export async function ensureLogs(
  params: LogParams,
  settings: BuildSettings,
  log: (line: string) => void = console.log,
): Promise<CachedLogs> {
  const key = cacheKey(params);
  const dir = join(settings.cacheDir, key);
  const found = settings.rebuild ? null : usable(dir, params);
  const result = (manifest: Manifest, builtNow: boolean): CachedLogs => ({
    dir,
    key,
    params,
    build: manifest.build,
    builtNow,
    fresh: join(dir, FRESH_LOG_FILE),
    full: join(dir, FULL_LOG_FILE),
    checkpoint: (n) => join(dir, checkpointFile(n)),
  });
  if (found) {
    log(`log ${key}: from the cache in ${dir} (built ${found.build.builtAt})`);
    return result(found, false);
  }
  log(
    `log ${key}: building it through the domain (${settings.concurrency} leads in flight, written in ${settings.buildDir})`,
  );
  mkdirSync(settings.cacheDir, { recursive: true });
  mkdirSync(settings.buildDir, { recursive: true });
  const building = mkdtempSync(join(settings.cacheDir, `${key}.building-`));
  const live = mkdtempSync(join(settings.buildDir, 'leadledger-bench-logbuild-'));
  try {
    const build = await buildLog(
      params,
      settings.concurrency,
      live,
      building,
      { fresh: FRESH_LOG_FILE, full: FULL_LOG_FILE, checkpoint: checkpointFile },
      log,
    );
    const manifest: Manifest = { params, build };
    writeJson(join(building, MANIFEST_FILE), manifest);
    rmSync(dir, { recursive: true, force: true });
    renameSync(building, dir);
    log(
      `log ${key}: ${build.events} events, ${build.leads} leads in ${build.seconds.toFixed(1)} s ` +
        `(${Math.round(build.eventsPerSecond)} events/s, ${build.leadsPerSecond.toFixed(1)} leads/s through the domain)`,
    );
    return result(manifest, true);
  } finally {
    rmSync(live, { recursive: true, force: true });
    rmSync(building, { recursive: true, force: true });
  }
}
