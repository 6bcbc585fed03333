import type { EngineConfig } from '@leadledger/platform';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ENGINE_CONFIG } from '../platform/tokens';

/**
 * Each subscription's signing secret, derived as HMAC-SHA256(master key, subscription id and
 * secret version), so no secret is ever written to the log, which is exported and backed up. The
 * master key comes from LEADLEDGER_WEBHOOK_MASTER_KEY or, when unset, from a key file made once
 * in the data directory (mode 0600). Losing the master key changes every secret: rotate them all.
 */
@Injectable()
export class WebhookSecrets {
  private masterKey: Buffer | null = null;

  constructor(@Inject(ENGINE_CONFIG) private readonly config: EngineConfig) {}

  /** In the Standard Webhooks format: `whsec_` and 32 bytes in base64. */
  secretFor(subscriptionId: string, version: number): string {
    const key = createHmac('sha256', this.master())
      .update(`leadledger-webhook-secret:${subscriptionId}:${version}`)
      .digest();
    return `whsec_${key.toString('base64')}`;
  }

  private master(): Buffer {
    this.masterKey ??= this.config.webhooks.masterKey
      ? Buffer.from(this.config.webhooks.masterKey, 'utf8')
      : readOrCreateKeyFile(this.config.webhooks.masterKeyFile);
    return this.masterKey;
  }
}

function readOrCreateKeyFile(file: string): Buffer {
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    // 'wx': of two engines starting at once on one data directory, the second reads the first's key.
    writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
