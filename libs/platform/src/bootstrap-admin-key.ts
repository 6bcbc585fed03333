import { type CommandContext, EventStore } from '@leadledger/event-store';
import { type Clock, type IdSource, isRefusal } from '@leadledger/kernel';
import { type IssuedApiKey, hasAnyApiKey, issueApiKey } from './api-keys';

export type BootstrapOutcome =
  | { readonly kind: 'generated'; readonly key: IssuedApiKey }
  | { readonly kind: 'from-environment'; readonly keyId: string }
  | { readonly kind: 'none-needed' };

/**
 * First start: with LEADLEDGER_ADMIN_KEY set, that secret becomes an admin key unless it
 * was ever created (a revoked one stays revoked); without it, an engine whose log holds
 * no key at all makes one admin key and hands the secret back to be printed once.
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
  const request = { name: 'bootstrap admin', role: 'admin', repId: null } as const;
  if (environmentSecret) {
    // A key made from this secret before, active or revoked, is refused (ApiKeyExists): nothing to do.
    const issued = await issueApiKey(store, { ...request, secret: environmentSecret }, context, ids);
    return isRefusal(issued) ? { kind: 'none-needed' } : { kind: 'from-environment', keyId: issued.keyId };
  }
  if (await hasAnyApiKey(store)) return { kind: 'none-needed' };
  const issued = await issueApiKey(store, request, context, ids);
  return isRefusal(issued) ? { kind: 'none-needed' } : { kind: 'generated', key: issued };
}
