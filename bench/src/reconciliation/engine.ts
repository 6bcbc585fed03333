import { type InProcessEngine, startInProcessEngine } from '../in-process-engine';

/** `secret` is a finance key's: reconciliation is for finance and admins. */
export type ReconciliationEngine = InProcessEngine;

/** The real engine on SQLite in `dataDir`, scheduler off. */
export function startEngine(dataDir: string): Promise<ReconciliationEngine> {
  return startInProcessEngine(
    { LEADLEDGER_DATA_DIR: dataDir, LEADLEDGER_TIMEZONE: 'Asia/Shanghai', LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' },
    { name: 'bench finance', role: 'finance' },
  );
}
