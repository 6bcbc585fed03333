import {
  API_KEY_EVENT_TYPES,
  type Actor,
  type ApiKeyCreated,
  type ApiKeyEvent,
  type Role,
  apiKeyDecider,
  apiKeyStreamId,
} from '@leadledger/auth';
import { type CommandContext, EventStore, handleCommand, loadState, readAllInBatches } from '@leadledger/event-store';
import { type IdSource, NotFoundError, type Refusal, isRefusal, randomIds } from '@leadledger/kernel';
import { repDecider, repStreamId } from '@leadledger/leads';
import { generateApiKeySecret, hashApiKeySecret } from './api-key-secret';

export interface IssuedApiKey {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  readonly repId: string | null;
  /** Shown once; only its hash is stored. */
  readonly secret: string;
}

export interface ApiKeySummary {
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  readonly repId: string | null;
  readonly status: 'active' | 'revoked';
  readonly createdAt: string;
  readonly createdBy: string;
  readonly revokedAt: string | null;
}

export async function issueApiKey(
  store: EventStore,
  request: { name: string; role: Role; repId: string | null; secret?: string },
  context: CommandContext,
  ids: IdSource = randomIds,
): Promise<IssuedApiKey | Refusal> {
  const secret = request.secret ?? generateApiKeySecret();
  const secretHash = hashApiKeySecret(secret);
  const keyId = ids.next();
  const command = { kind: 'CreateApiKey', keyId, secretHash, ...request } as const;
  const result = await handleCommand(store, apiKeyStreamId(secretHash), apiKeyDecider, command, context);
  if (isRefusal(result)) return result;
  return { keyId, name: request.name.trim(), role: request.role, repId: request.repId, secret };
}

/** Every key ever made, from the log (the secrets are not in it). */
export async function listApiKeys(store: EventStore): Promise<ApiKeySummary[]> {
  const keys = new Map<string, ApiKeySummary>();
  for await (const batch of readAllInBatches(store, { filter: { eventTypes: API_KEY_EVENT_TYPES } })) {
    for (const event of batch) {
      const data = (event as unknown as ApiKeyEvent).data;
      if (event.type === 'ApiKeyCreated') {
        const { keyId, name, role, repId } = data as ApiKeyCreated['data'];
        const { occurredAt: createdAt, actorId: createdBy } = event.metadata;
        keys.set(keyId, { keyId, name, role, repId, status: 'active', createdAt, createdBy, revokedAt: null });
      } else {
        const key = keys.get(data.keyId);
        if (key) keys.set(data.keyId, { ...key, status: 'revoked', revokedAt: event.metadata.occurredAt });
      }
    }
  }
  return [...keys.values()];
}

export async function revokeApiKey(store: EventStore, keyId: string, context: CommandContext): Promise<void | Refusal> {
  const created = await findCreatedStream(store, keyId);
  if (!created) throw new NotFoundError('API key', keyId);
  const result = await handleCommand(store, created, apiKeyDecider, { kind: 'RevokeApiKey', keyId }, context);
  return isRefusal(result) ? result : undefined;
}

async function findCreatedStream(store: EventStore, keyId: string): Promise<string | null> {
  for await (const batch of readAllInBatches(store, { filter: { eventTypes: ['ApiKeyCreated'] } })) {
    const match = batch.find((e) => e.data.keyId === keyId);
    if (match) return match.streamId;
  }
  return null;
}

/** The actor a presented secret stands for, or null when it is unknown or revoked. */
export async function authenticateApiKey(store: EventStore, secret: string): Promise<Actor | null> {
  const { state } = await loadState(store, apiKeyStreamId(hashApiKeySecret(secret)), apiKeyDecider);
  if (state.status !== 'active') return null;
  const { keyId, role, repId } = state.key;
  return { id: repId ?? `key:${keyId}`, role, keyId, repId };
}

/**
 * A rep's key opens nothing once the rep has left: their customers and leads went to a
 * successor or the shared pool, and a key made before the departure would still read them.
 * The key itself stays as it was (revoking it is an admin's act, listed by `keys list`).
 */
export async function repHasLeft(store: EventStore, actor: Actor): Promise<boolean> {
  if (actor.role !== 'rep' || !actor.repId) return false;
  const { state } = await loadState(store, repStreamId(actor.repId), repDecider);
  return state.status === 'departed';
}

export async function hasAnyApiKey(store: EventStore): Promise<boolean> {
  return (await store.readAll({ maxCount: 1, filter: { eventTypes: ['ApiKeyCreated'] } })).length > 0;
}
