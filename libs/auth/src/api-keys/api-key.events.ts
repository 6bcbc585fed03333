import type { Role } from '../roles';

/** Stream of one key: `api-key-<sha256 of the secret>`, so a presented key finds its stream directly. */
export const apiKeyStreamId = (secretHash: string): string => `api-key-${secretHash}`;

export interface ApiKeyCreated {
  readonly type: 'ApiKeyCreated';
  readonly data: {
    readonly keyId: string;
    readonly name: string;
    readonly role: Role;
    readonly repId: string | null;
    /** sha256 of the secret, hex; the secret itself is shown once and never stored. */
    readonly secretHash: string;
  };
}

export interface ApiKeyRevoked {
  readonly type: 'ApiKeyRevoked';
  readonly data: { readonly keyId: string };
}

export type ApiKeyEvent = ApiKeyCreated | ApiKeyRevoked;
export const API_KEY_EVENT_TYPES: readonly ApiKeyEvent['type'][] = ['ApiKeyCreated', 'ApiKeyRevoked'];
