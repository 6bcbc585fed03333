import { EventStoreDBClient } from '@eventstore/db-client';
import { IncompatibleEventStoreError } from '@leadledger/event-store';

/** The oldest server the adapter works with: its stream reads carry each event's position. */
export const MINIMUM_SERVER_VERSION = { major: 22, minor: 6 } as const;

/**
 * The client learns the server's version when it connects, from the server-features query
 * (`ServerFeatures.serverVersion`, "unknown" for a server before 21.10, which has no such
 * query), and keeps it on the protected `capabilities`; a subclass may read it.
 */
class ServerVersionReader extends EventStoreDBClient {
  static async of(client: EventStoreDBClient): Promise<string> {
    return (await (client as ServerVersionReader).capabilities).serverVersion;
  }
}

/** The version the server reported when the client connected ("24.10.0", or "unknown"). */
export const reportedServerVersion = (client: EventStoreDBClient): Promise<string> => ServerVersionReader.of(client);

/** Why the adapter cannot work with a server reporting `version`, or null when it can. */
export function unsupportedServerVersion(version: string): string | null {
  const { major, minor } = MINIMUM_SERVER_VERSION;
  const needed = `the engine needs EventStoreDB (KurrentDB) ${major}.${minor} or later, whose stream reads carry each event's position`;
  const parsed = /^(\d+)\.(\d+)/.exec(version);
  if (!parsed) return `The event store server does not report its version (it predates 21.10): ${needed}`;
  const [reportedMajor, reportedMinor] = [Number(parsed[1]), Number(parsed[2])];
  if (reportedMajor > major || (reportedMajor === major && reportedMinor >= minor)) return null;
  return `The event store server is version ${version}: ${needed}`;
}

/** Throws IncompatibleEventStoreError when the connected server is older than the adapter needs. */
export async function requireSupportedServer(client: EventStoreDBClient): Promise<void> {
  const refusal = unsupportedServerVersion(await reportedServerVersion(client));
  if (refusal) throw new IncompatibleEventStoreError(refusal);
}
