import { DamagedLockFileError, ReadModelsLock, allProjections, describeHolder, loadConfig } from '@leadledger/platform';
import { AMPLE_REBUILD, type Projection, rebuildProjections } from '@leadledger/projections';
import type { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io';
import { withStoreAndReadModels } from '../cli-resources';
import { namingDamagedFiles } from '../naming-damaged-files';

export function rebuildCommand(program: Command, io: CliIo): void {
  program
    .command('rebuild [projection]')
    .description('rebuild one read model, or all, from the first event (stop the engine first: it refuses otherwise)')
    .action((name: string | undefined) => namingDamagedFiles(io, () => rebuild(io, name)));
}

async function rebuild(io: CliIo, name: string | undefined): Promise<void> {
  const config = loadConfig(io.env);
  const chosen = chosenProjections(allProjections(config), name);
  // Held until the rebuild is done: no engine writes the file meanwhile, nor starts on it.
  const lock = claimReadModels(config.readModelsFile, io.clock.now());
  try {
    await withStoreAndReadModels(io, async (store, readModels) => {
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
  } finally {
    lock.release();
  }
}

function chosenProjections(projections: readonly Projection[], name: string | undefined): readonly Projection[] {
  const chosen = name ? projections.filter((p) => p.name === name) : projections;
  if (chosen.length === 0) {
    throw new CliFailure(`unknown projection ${name}; known: ${projections.map((p) => p.name).join(', ')}`, 2);
  }
  return chosen;
}

/** The engine's read models are its own while it runs: a rebuild beside it would be overwritten under it. */
function claimReadModels(readModelsFile: string, now: Date): ReadModelsLock {
  const claim = claimOrName(readModelsFile, now);
  if (claim.held) return claim.lock;
  const remedy = claim.holder?.user === 'rebuild' ? 'wait for it to finish' : 'stop it, then run rebuild again';
  throw new CliFailure(
    `rebuild refused: ${describeHolder(claim.holder)} is using the read models in ${readModelsFile}; ${remedy}. Nothing was changed.`,
  );
}

function claimOrName(readModelsFile: string, now: Date): ReturnType<typeof ReadModelsLock.claim> {
  try {
    return ReadModelsLock.claim(readModelsFile, 'rebuild', now);
  } catch (error) {
    if (error instanceof DamagedLockFileError) throw new CliFailure(`rebuild refused: ${error.message}`);
    throw error;
  }
}
