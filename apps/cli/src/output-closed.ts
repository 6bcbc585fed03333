import type { Writable } from 'node:stream';

/**
 * `leadledger export | head` closes the pipe after ten lines: stop there, as Unix tools do, instead
 * of a stack about EPIPE (and instead of reading the rest of the log for nobody).
 */
export function endQuietlyWhenOutputCloses(output: Writable, exit: (code: number) => void = process.exit): void {
  output.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return exit(0);
    throw error;
  });
}
