import type { EngineConfig } from '@leadledger/platform';
import pino, { type DestinationStream, type Logger } from 'pino';

/** Where the engine's JSON log lines go: standard output unless a stream is given; false: nowhere. */
export type LogDestination = DestinationStream | false;

/** The one pino logger of an engine: request lines and application lines share its level and stream. */
export function createRootLogger(level: EngineConfig['logLevel'], destination?: LogDestination): Logger {
  const options = { level: destination === false ? 'silent' : level, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}
