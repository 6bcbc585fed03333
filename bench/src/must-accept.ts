import { type CommandContext, EventStore, handleCommand } from '@leadledger/event-store';
import { type Decider, type DomainEvent, isRefusal } from '@leadledger/kernel';

/** Runs one domain command straight against the store, with no HTTP in between. */
export type CommandRunner = <C, S, E extends DomainEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<C, S, E>,
  command: C,
  context: CommandContext,
) => Promise<void>;

/**
 * A runner for the commands a bench writes its own setup and business with: a refusal there is a
 * bug in the bench, not a figure, so it throws. `refused` names the failure (e.g. "seeding X was refused").
 */
export function mustAccept(refused: (streamId: string) => string): CommandRunner {
  return async (store, streamId, decider, command, context) => {
    const result = await handleCommand(store, streamId, decider, command, context);
    if (isRefusal(result)) throw new Error(`${refused(streamId)}: ${result.code} ${result.message}`);
  };
}
