import { ROLES, isRole } from '@leadledger/auth';
import { type EventStore, loadState } from '@leadledger/event-store';
import { isRefusal } from '@leadledger/kernel';
import { repDecider, repStreamId } from '@leadledger/leads';
import { issueApiKey, listApiKeys, revokeApiKey } from '@leadledger/platform';
import { type Command, Option } from 'commander';
import { CliFailure, type CliIo, cliContext } from '../cli-io';
import { withStore } from '../cli-resources';

/** A key may speak only for a rep who is registered and still with the company: one line otherwise. */
async function requireActiveRep(store: EventStore, repId: string): Promise<void> {
  const { state } = await loadState(store, repStreamId(repId), repDecider);
  if (state.status === 'absent') {
    throw new CliFailure(`no rep ${repId} is registered: register the rep first (POST /reps), then make the key`);
  }
  if (state.status === 'departed') throw new CliFailure(`rep ${repId} has departed: a departed rep gets no key`);
}

export function keysCommand(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('create, list and revoke API keys');

  keys
    .command('create')
    .description('create a key and print its secret once (only its hash is stored)')
    .requiredOption('--name <name>', 'who or what the key is for')
    .addOption(new Option('--role <role>', 'what the key may do').choices([...ROLES]).makeOptionMandatory())
    .option('--rep <repId>', 'the rep a rep key speaks for (required with --role rep)')
    .option('--reason <reason>', 'why the key is made')
    .action(async (options: { name: string; role: string; rep?: string; reason?: string }) => {
      if (!isRole(options.role)) throw new CliFailure(`--role must be one of ${ROLES.join(', ')}`, 2);
      const role = options.role;
      const issued = await withStore(io, async (store) => {
        if (options.rep !== undefined) await requireActiveRep(store, options.rep);
        return issueApiKey(
          store,
          { name: options.name, role, repId: options.rep ?? null },
          cliContext(io, options.reason ?? null),
          io.ids,
        );
      });
      if (isRefusal(issued)) throw new CliFailure(`refused (${issued.code}): ${issued.message}`);
      io.stdout(
        `Created key ${issued.keyId} (${issued.role}${issued.repId ? ` for rep ${issued.repId}` : ''}).\n` +
          `Secret, shown this once:\n\n    ${issued.secret}\n\n`,
      );
    });

  keys
    .command('list')
    .description('list every key: id, name, role, rep, status')
    .action(async () => {
      const all = await withStore(io, (store) => listApiKeys(store));
      for (const k of all) {
        io.stdout(
          `${k.keyId}\t${k.status}\t${k.role}\t${k.repId ?? '-'}\t${k.name}\tcreated ${k.createdAt} by ${k.createdBy}\n`,
        );
      }
      if (all.length === 0) io.stdout('No keys.\n');
    });

  keys
    .command('revoke <keyId>')
    .description('revoke a key for good')
    .option('--reason <reason>', 'why the key is revoked')
    .action(async (keyId: string, options: { reason?: string }) => {
      const outcome = await withStore(io, (store) =>
        revokeApiKey(store, keyId, cliContext(io, options.reason ?? null)),
      );
      if (isRefusal(outcome)) throw new CliFailure(`refused (${outcome.code}): ${outcome.message}`);
      io.stdout(`Revoked key ${keyId}.\n`);
    });
}
