import { EventStore, loadState } from '@leadledger/event-store';
import { poolDecider, poolStreamId } from '@leadledger/routing';

/** The protection an owner gets: from the pool the lead came through, else the engine's defaults. */
export interface OwnershipTerms {
  readonly protectionDays: number;
  readonly warningDays: number;
}

/** What the workflows need from configuration; none of it reaches a projection. */
export interface WorkflowPolicy {
  readonly timeZone: string;
  readonly defaultProtectionDays: number;
  readonly defaultProtectionWarningDays: number;
}

export const defaultTerms = (policy: WorkflowPolicy): OwnershipTerms => ({
  protectionDays: policy.defaultProtectionDays,
  warningDays: policy.defaultProtectionWarningDays,
});

export interface PoolSettingsForLead extends OwnershipTerms {
  readonly acceptanceSlaMinutes: number;
}

/** The settings of a pool as its stream has them now; null for an unknown pool. */
export async function poolSettings(store: EventStore, poolId: string): Promise<PoolSettingsForLead | null> {
  const { state } = await loadState(store, poolStreamId(poolId), poolDecider);
  if (state.status !== 'active') return null;
  const { acceptanceSlaMinutes, protectionDays, protectionWarningDays } = state.settings;
  return { acceptanceSlaMinutes, protectionDays, warningDays: protectionWarningDays };
}

export const acceptByAfter = (at: string, minutes: number): string =>
  new Date(Date.parse(at) + minutes * 60_000).toISOString();
