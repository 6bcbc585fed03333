import { allProjections } from '@leadledger/platform';
import { AMPLE_REBUILD, rebuildProjections } from '@leadledger/projections';
import type { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io';
import { withStoreAndReadModels } from '../cli-resources';
import { namingDamagedFiles } from '../naming-damaged-files';

export function rebuildCommand(program: Command, io: CliIo): void {
  program
    .command('rebuild [projection]')
    .description('rebuild one read model, or all, from the first event (stop the engine first)')
    .action((name: string | undefined) => namingDamagedFiles(io, () => rebuild(io, name)));
}

function rebuild(io: CliIo, name: string | undefined): Promise<void> {
  return withStoreAndReadModels(io, async (store, readModels, config) => {
    const projections = allProjections(config);
    const chosen = name ? projections.filter((p) => p.name === name) : projections;
    if (chosen.length === 0) {
      throw new CliFailure(`unknown projection ${name}; known: ${projections.map((p) => p.name).join(', ')}`, 2);
    }
    // One pass over the log for all of them; the engine is stopped, so the rebuild may take its memory.
    const statuses = await rebuildProjections(store, readModels, chosen, undefined, AMPLE_REBUILD);
    const failed = statuses.find((status) => status.failure);
    if (failed?.failure) {
      const { eventId, position, error } = failed.failure;
      throw new CliFailure(`${failed.name}: failed at event ${eventId} (position ${position}): ${error}`);
    }
    for (const status of statuses) {
      io.stdout(`${status.name} v${status.version}: rebuilt up to position ${status.position}\n`);
    }
  });
}
