import { randomUUID } from 'node:crypto';
import { type CountryCode, customerDecider, customerStreamId, identityKeysOf } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { idFromSeed, isRefusal } from '@leadledger/kernel';
import { leadDecider, leadStreamId } from '@leadledger/leads';
import type { IssuedApiKey } from '@leadledger/platform';
import { type WorkflowPolicy, processReceivedLead } from '@leadledger/workflows';
import { TIME_ZONE } from './generated-log';
import type { LeadSpec } from './mix';

const COUNTRY: CountryCode = 'CN';
const POLICY: WorkflowPolicy = { timeZone: TIME_ZONE, defaultProtectionDays: 30, defaultProtectionWarningDays: 3 };

const count = (outcomes: Record<string, number>, key: string) => (outcomes[key] = (outcomes[key] ?? 0) + 1);

/**
 * One lead, the way the engine's POST /leads handler takes it (ReceiveLead on the lead's
 * stream, then the intake workflow), then what its rep does next: accept it, and sometimes
 * sometimes qualify it or log a follow-up with the customer, minutes later in business time.
 */
async function oneLead(store: EventStore, key: IssuedApiKey, spec: LeadSpec, outcomes: Record<string, number>) {
  const { keys, problems } = identityKeysOf(spec.contact, COUNTRY);
  if (problems.length > 0 || keys.length === 0) throw new Error(`lead ${spec.externalId}: bad contact`);
  const leadId = idFromSeed(`lead:external:${spec.externalId}`);
  const context: CommandContext = {
    actorId: `key:${key.keyId}`,
    actorRole: 'service',
    reason: null,
    occurredAt: spec.occurredAt,
    correlationId: randomUUID(),
    idempotencyKey: null,
  };
  const received = await handleCommand(
    store,
    leadStreamId(leadId),
    leadDecider,
    {
      kind: 'ReceiveLead',
      leadId,
      channel: spec.channel,
      contact: { ...spec.contact, company: null },
      identityKeys: keys,
      externalId: spec.externalId,
      receivedBy: spec.receivedBy,
      referralPartnerId: null,
      poolId: spec.poolId,
    },
    context,
  );
  if (isRefusal(received)) throw new Error(`lead ${spec.externalId}: ${received.code}`);
  await processReceivedLead(store, leadId, POLICY);

  const { state } = await loadState(store, leadStreamId(leadId), leadDecider);
  count(outcomes, `lead ${state.status}`);
  if (state.status !== 'assigned') return;
  const later = (minutes: number) => new Date(Date.parse(spec.occurredAt) + minutes * 60_000).toISOString();
  const repContext = (minutes: number): CommandContext => ({
    actorId: state.repId,
    actorRole: 'rep',
    reason: null,
    occurredAt: later(minutes),
    correlationId: randomUUID(),
    idempotencyKey: null,
  });
  const accepted = await handleCommand(
    store,
    leadStreamId(leadId),
    leadDecider,
    { kind: 'AcceptLead', repId: state.repId },
    repContext(3),
  );
  count(outcomes, isRefusal(accepted) ? `accept refused ${accepted.code}` : 'accepted');
  if (spec.qualify && !isRefusal(accepted)) {
    const qualified = await handleCommand(
      store,
      leadStreamId(leadId),
      leadDecider,
      { kind: 'QualifyLead', repId: state.repId, note: 'budget confirmed' },
      repContext(10),
    );
    count(outcomes, isRefusal(qualified) ? `qualify refused ${qualified.code}` : 'qualified');
  }
  if (!spec.followUp || !state.customerId) return;
  const followed = await handleCommand(
    store,
    customerStreamId(state.customerId),
    customerDecider,
    { kind: 'LogFollowUp', repId: state.repId, followUpKind: 'call', note: 'first call', at: later(20) },
    repContext(20),
    { retriesOnConflict: 20 },
  );
  count(outcomes, isRefusal(followed) ? `follow-up refused ${followed.code}` : 'followed up');
}

/** Runs `specs` with at most `concurrency` leads in flight. */
export async function runChunk(
  store: EventStore,
  key: IssuedApiKey,
  specs: readonly LeadSpec[],
  concurrency: number,
  outcomes: Record<string, number>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < specs.length; i = next++) await oneLead(store, key, specs[i], outcomes);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, specs.length) }, worker));
}
