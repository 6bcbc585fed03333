import { identityKeysOf } from '@leadledger/customers';
import { type CommandContext, EventStore, handleCommand } from '@leadledger/event-store';
import { type LeadChannel, leadDecider, leadStreamId } from '@leadledger/leads';
import { poolDecider, poolStreamId } from '@leadledger/routing';

export const at = (iso: string, extra: Partial<CommandContext> = {}): CommandContext => ({
  actorId: 'svc-web',
  actorRole: 'service',
  occurredAt: iso,
  correlationId: `corr-${iso}`,
  ...extra,
});

export async function receive(
  store: EventStore,
  leadId: string,
  lead: { channel: LeadChannel; phone?: string; email?: string; receivedBy?: string; poolId?: string },
  occurredAt = '2026-11-02T02:00:00.000Z',
): Promise<void> {
  const contact = { name: null, phone: lead.phone ?? null, email: lead.email ?? null, company: null };
  const { keys } = identityKeysOf(contact, 'CN');
  await handleCommand(
    store,
    leadStreamId(leadId),
    leadDecider,
    {
      kind: 'ReceiveLead',
      leadId,
      channel: lead.channel,
      contact,
      identityKeys: keys,
      externalId: null,
      receivedBy: lead.receivedBy ?? null,
      referralPartnerId: null,
      poolId: lead.poolId ?? null,
    },
    at(occurredAt),
  );
}

/** A round-robin pool of equal weights, SLA 30 minutes, protection 30 days. */
export async function poolOf(store: EventStore, poolId: string, reps: string[]): Promise<void> {
  const run = (command: Parameters<typeof poolDecider.decide>[0]) =>
    handleCommand(store, poolStreamId(poolId), poolDecider, command, at('2026-11-01T00:00:00.000Z'));
  await run({
    kind: 'CreatePool',
    poolId,
    name: 'East',
    strategy: 'smooth-weighted-round-robin',
    acceptanceSlaMinutes: 30,
    protectionDays: 30,
    protectionWarningDays: 5,
  });
  for (const repId of reps) {
    await run({
      kind: 'AddMember',
      poolId,
      repId,
      weight: 1,
      dailyCap: null,
      monthlyCap: null,
      day: '2026-11-01',
      month: '2026-11',
    });
  }
}
