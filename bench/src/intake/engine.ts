import { type InProcessEngine, startInProcessEngine } from '../in-process-engine';

/** `secret` is a 'service' key's, as a web-form integration would hold. */
export type BenchEngine = InProcessEngine;

/** The real engine on SQLite in `dataDir`, in UTC. */
export function startBenchEngine(dataDir: string): Promise<BenchEngine> {
  return startInProcessEngine(
    { LEADLEDGER_DATA_DIR: dataDir, LEADLEDGER_TIMEZONE: 'UTC' },
    { name: 'bench web form', role: 'service' },
  );
}
