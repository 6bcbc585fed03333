import type { LineReplayAnswer } from '@leadledger/commissions';
import { formatMinor } from '@leadledger/kernel';
import type { AssignmentReplay } from '@leadledger/timelines';

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function differencesOf(differences: readonly { input: string; recorded: unknown; replayed: unknown }[]): string[] {
  if (differences.length === 0) return ['  differences: none'];
  return [
    '  differences (recorded -> replayed):',
    ...differences.map((d) => `    ${d.input}: ${show(d.recorded)} -> ${show(d.replayed)}`),
  ];
}

/** One assignment's replay in words: verdict, what was recorded and replayed, the inputs, the differences. */
export function assignmentReport(answer: AssignmentReplay): string {
  const { recorded, replayed, inputs } = answer;
  const verdict =
    answer.identical === null
      ? 'decided by a person, nothing to recompute'
      : answer.identical
        ? 'identical'
        : 'DIFFERS';
  const pool = inputs.pool
    ? `pool ${inputs.pool.poolId} (policy v${inputs.pool.policyVersion ?? '?'}, ${inputs.pool.eventsReplayed} events replayed)`
    : 'no pool';
  const customer = inputs.customer
    ? `customer ${inputs.customer.customerId} owned by ${inputs.customer.ownerId ?? 'nobody'}`
    : 'no customer';
  return [
    `lead ${answer.leadId}, assignment ${answer.assignment}: ${verdict}`,
    `  recorded: ${recorded.repId} by ${recorded.rule} at ${recorded.occurredAt} (position ${recorded.position}, ${recorded.actorId}${recorded.reason ? `: ${recorded.reason}` : ''})`,
    `  replayed: ${replayed ? `${replayed.repId ?? 'nobody'} by ${replayed.rule}` : '-'}`,
    `  inputs: ${inputs.lead.channel} lead received by ${inputs.lead.receivedBy ?? 'nobody'}; ${customer}; ${pool}`,
    ...differencesOf(answer.differences),
    '',
  ].join('\n');
}

/** One ledger line's replay in words: verdict, the line, each step of its arithmetic, the differences, what was read. */
export function lineReport(answer: LineReplayAnswer): string {
  const { recorded: line, inputs } = answer;
  const plan = line.planId ? ` (${line.planId} v${line.planVersion}, ${line.rule})` : '';
  const width = Math.max(...answer.steps.map((s) => s.step.length));
  return [
    `ledger line ${answer.lineId}: ${answer.identical ? 'identical' : 'DIFFERS'}`,
    `  recorded: ${line.kind} ${formatMinor(line.amount, line.currency)} ${line.currency} to ${line.payee.kind} ${line.payee.id} in ${line.period}${plan}`,
    '  steps:',
    ...answer.steps.map((s) => `    ${s.step.padEnd(width)}  ${s.detail}`),
    ...differencesOf(answer.differences),
    `  tier base: ${inputs.tierBase ? `${formatMinor(inputs.tierBase.base, line.currency)} before this line, from the ledger's tier history` : 'not needed'}`,
    ...inputs.limits.map((limit) => `  limit: ${limit}`),
    `  read: ${answer.reads.streams.map((s) => `${s.streamId} (${s.events})`).join(', ')}; ${answer.reads.ledgerLines} ledger lines`,
    '',
  ].join('\n');
}
