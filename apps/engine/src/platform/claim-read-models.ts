import { ReadModelsLock, describeHolder } from '@leadledger/platform';

/** The engine could not claim its read-model file: another engine or a rebuild is using it. */
export class ReadModelsInUseError extends Error {}

/**
 * Claims the read-model file for as long as the engine runs, before anything opens it: `rebuild`
 * then refuses instead of writing under a live engine, and this engine refuses to start under a
 * rebuild, or beside an engine configured with the same LEADLEDGER_READ_MODELS_FILE.
 */
export function claimReadModelsForEngine(readModelsFile: string, now: Date): ReadModelsLock {
  const claim = ReadModelsLock.claim(readModelsFile, 'engine', now);
  if (claim.held) return claim.lock;
  const remedy =
    claim.holder?.user === 'rebuild'
      ? 'Start the engine once the rebuild has finished.'
      : 'Stop that one first, or give each engine its own LEADLEDGER_READ_MODELS_FILE.';
  throw new ReadModelsInUseError(
    `leadledger cannot start: ${describeHolder(claim.holder)} is using the read models in ${readModelsFile}. ${remedy}`,
  );
}
