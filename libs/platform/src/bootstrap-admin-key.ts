import {
  ADMIN_BOOTSTRAP_STREAM,
  type AdminKeyBootstrapped,
  adminBootstrapDecider,
  apiKeyDecider,
  apiKeyStreamId,
} from '@leadledger/auth';
import { type CommandContext, EventStore, handleCommand, loadState } from '@leadledger/event-store';
import { type Clock, type IdSource, isRefusal } from '@leadledger/kernel';
import { generateApiKeySecret, hashApiKeySecret } from './api-key-secret';
import { type IssuedApiKey, hasAnyApiKey, issueApiKey } from './api-keys';

export type BootstrapOutcome =
  | { readonly kind: 'generated'; readonly key: IssuedApiKey }
  | { readonly kind: 'from-environment'; readonly keyId: string }
  /** Another engine on this log chose the first key (and shows its secret); this one only made sure it exists. */
  | { readonly kind: 'chosen-elsewhere'; readonly keyId: string }
  | { readonly kind: 'none-needed' };

const BOOTSTRAP_KEY = { name: 'bootstrap admin', role: 'admin', repId: null } as const;

/** The chosen key's ApiKeyCreated; true when this call wrote it, false when it was there already. */
async function createChosenKey(
  store: EventStore,
  chosen: AdminKeyBootstrapped['data'],
  context: CommandContext,
): Promise<boolean> {
  const command = { kind: 'CreateApiKey', ...chosen, ...BOOTSTRAP_KEY } as const;
  const created = await handleCommand(store, apiKeyStreamId(chosen.secretHash), apiKeyDecider, command, context);
  return !isRefusal(created);
}

/**
 * First start: with LEADLEDGER_ADMIN_KEY set, that secret becomes an admin key unless it
 * was ever created (a revoked one stays revoked); without it, an engine whose log holds
 * no key at all makes one admin key and hands the secret back to be printed once.
 *
 * The generated key is chosen on one stream (`admin-bootstrap`) before it is created, so of
 * several engines starting together on one empty store exactly one makes it; the others, and an
 * engine restarted after one that stopped between the two appends, create the chosen key if it
 * is missing (same id and hash) and say so.
 */
export async function ensureAdminKey(
  store: EventStore,
  environmentSecret: string | null,
  clock: Clock,
  ids: IdSource,
): Promise<BootstrapOutcome> {
  const context: CommandContext = {
    actorId: 'system:bootstrap',
    actorRole: 'admin',
    reason: 'first start of the engine',
    occurredAt: clock.now().toISOString(),
    correlationId: ids.next(),
  };
  if (environmentSecret) {
    // A key made from this secret before, active or revoked, is refused (ApiKeyExists): nothing to do.
    const issued = await issueApiKey(store, { ...BOOTSTRAP_KEY, secret: environmentSecret }, context, ids);
    return isRefusal(issued) ? { kind: 'none-needed' } : { kind: 'from-environment', keyId: issued.keyId };
  }
  const chosenElsewhere = async (): Promise<BootstrapOutcome> => {
    const { state } = await loadState(store, ADMIN_BOOTSTRAP_STREAM, adminBootstrapDecider);
    const chosen = state.bootstrapped!;
    return (await createChosenKey(store, chosen, context))
      ? { kind: 'chosen-elsewhere', keyId: chosen.keyId }
      : { kind: 'none-needed' };
  };
  const { state } = await loadState(store, ADMIN_BOOTSTRAP_STREAM, adminBootstrapDecider);
  if (state.bootstrapped) return chosenElsewhere();
  if (await hasAnyApiKey(store)) return { kind: 'none-needed' };

  const secret = generateApiKeySecret();
  const chosen = { keyId: ids.next(), secretHash: hashApiKeySecret(secret) };
  const decided = await handleCommand(
    store,
    ADMIN_BOOTSTRAP_STREAM,
    adminBootstrapDecider,
    { kind: 'BootstrapAdminKey', ...chosen },
    context,
  );
  if (isRefusal(decided)) return chosenElsewhere();
  // Written here, or already by an engine that found the choice before this one got to it.
  await createChosenKey(store, chosen, context);
  return { kind: 'generated', key: { keyId: chosen.keyId, ...BOOTSTRAP_KEY, secret } };
}
