import type { EngineConfig } from '@leadledger/platform';
import type { IntakePolicy } from '@leadledger/workflows';

/** The intake's settings, read from the engine's configuration in one place. */
export function intakePolicy(config: EngineConfig): IntakePolicy {
  return { timeZone: config.timeZone, defaultProtectionDays: config.defaultProtectionDays };
}
