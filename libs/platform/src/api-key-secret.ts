import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'llk_';

/** A new key: 32 random bytes, base64url, with a prefix that makes a leaked key easy to spot. */
export function generateApiKeySecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64url')}`;
}

/**
 * sha256 is enough here: the secret is 256 random bits, so there is nothing to guess a
 * password hash would slow down, and a fast hash lets every request be checked cheaply.
 */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
