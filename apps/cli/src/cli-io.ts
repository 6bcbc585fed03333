import type { CommandContext } from '@leadledger/event-store';
import { type Clock, type IdSource } from '@leadledger/kernel';
import { userInfo } from 'node:os';
import type { Readable } from 'node:stream';

/** Everything a command touches outside itself, so tests can run the CLI in-process. */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdin: Readable;
  readonly clock: Clock;
  readonly ids: IdSource;
}

/** CLI commands act as an admin named after the operating-system user who ran them. */
export function cliContext(io: CliIo, reason: string | null): CommandContext {
  return {
    actorId: `cli:${userInfo().username}`,
    actorRole: 'admin',
    reason,
    occurredAt: io.clock.now().toISOString(),
    correlationId: io.ids.next(),
  };
}

/** Thrown by a command to end with a message and a non-zero exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
