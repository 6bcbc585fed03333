import type { Role } from '../roles';

export interface CreateApiKey {
  readonly kind: 'CreateApiKey';
  readonly keyId: string;
  readonly name: string;
  readonly role: Role;
  readonly repId: string | null;
  readonly secretHash: string;
}

export interface RevokeApiKey {
  readonly kind: 'RevokeApiKey';
  readonly keyId: string;
}

export type ApiKeyCommand = CreateApiKey | RevokeApiKey;
