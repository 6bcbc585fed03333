/** The roles a key can carry; every route names the ones it admits. */
export const ROLES = ['admin', 'manager', 'finance', 'rep', 'service'] as const;
export type Role = (typeof ROLES)[number];

// `typeof value === 'string'` narrows the type: `includes` finds no role for anything else either.
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is acting: written as actorId/actorRole into every event the request causes. */
export interface Actor {
  readonly id: string;
  readonly role: Role;
  readonly keyId: string;
  /** The rep this key speaks for, when it is a rep's key. */
  readonly repId: string | null;
}
