import type { EngineConfig } from '@leadledger/platform';
import type { WorkflowPolicy } from '@leadledger/workflows';

/** The workflows' settings (intake, re-routing, claims, hand-overs, the scheduler), read from configuration in one place. */
export function workflowPolicy(config: EngineConfig): WorkflowPolicy {
  return {
    timeZone: config.timeZone,
    defaultProtectionDays: config.defaultProtectionDays,
    defaultProtectionWarningDays: config.defaultProtectionWarningDays,
  };
}
