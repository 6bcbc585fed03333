/**
 * One stream for the whole log: the first admin key of an empty log is decided here, once,
 * so two engines starting together on one store make one key between them.
 */
export const ADMIN_BOOTSTRAP_STREAM = 'admin-bootstrap';

export interface AdminKeyBootstrapped {
  readonly type: 'AdminKeyBootstrapped';
  readonly data: {
    readonly keyId: string;
    /** sha256 of the generated secret, hex: the key's own stream is `api-key-<secretHash>`. */
    readonly secretHash: string;
  };
}

export type AdminBootstrapEvent = AdminKeyBootstrapped;
