import { allProjections } from '@leadledger/platform';
import { rebuildProjection } from '@leadledger/projections';
import type { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io';
import { withStoreAndReadModels } from '../cli-resources';

export function rebuildCommand(program: Command, io: CliIo): void {
  program
    .command('rebuild [projection]')
    .description('rebuild one read model, or all, from the first event (stop the engine first)')
    .action(async (name: string | undefined) => {
      await withStoreAndReadModels(io, async (store, readModels, config) => {
        const projections = allProjections(config);
        const chosen = name ? projections.filter((p) => p.name === name) : projections;
        if (chosen.length === 0) {
          throw new CliFailure(`unknown projection ${name}; known: ${projections.map((p) => p.name).join(', ')}`, 2);
        }
        for (const projection of chosen) {
          const status = await rebuildProjection(store, readModels, projection);
          if (status.failure) {
            throw new CliFailure(
              `${projection.name}: failed at event ${status.failure.eventId} (position ${status.failure.position}): ${status.failure.error}`,
            );
          }
          io.stdout(`${projection.name} v${projection.version}: rebuilt up to position ${status.position}\n`);
        }
      });
    });
}
