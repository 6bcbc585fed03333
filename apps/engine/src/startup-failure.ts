import { IncompatibleEventStoreError } from '@leadledger/event-store';
import type { EngineConfig } from '@leadledger/platform';
import { dirname } from 'node:path';

const CANNOT_WRITE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'SQLITE_CANTOPEN', 'SQLITE_READONLY']);

/**
 * The one line an operator needs for a start-up failure they can fix themselves, or null for
 * anything else (a bug, whose stack is then worth printing).
 */
export function startupFailureLine(error: unknown, config: EngineConfig): string | null {
  if (error instanceof IncompatibleEventStoreError)
    return `leadledger cannot use the event store at EVENTSTORE_CONNECTION_STRING: ${error.message}. Upgrade the server, or point the engine at one that is.`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'EADDRINUSE')
    return `leadledger cannot listen on ${config.host}:${config.port}: the port is in use by another process. Stop it, or set PORT to a free port.`;
  if (typeof code === 'string' && CANNOT_WRITE.has(code)) {
    const where = config.store.kind === 'sqlite' ? dirname(config.store.file) : dirname(config.readModelsFile);
    return `leadledger cannot write its data directory ${where} (${code}). Make it writable for this user, or set LEADLEDGER_DATA_DIR to a directory that is.`;
  }
  return null;
}
