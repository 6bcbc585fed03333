import { parentPort, workerData } from 'node:worker_threads';
import { LeadBodies } from './lead-bodies';
import { runPhase } from './load';
import type { PhaseAnswer, PhaseRequest, WorkerSetup } from './protocol';

/**
 * The clients, on their own thread: their timers and answer parsing do not wait behind the
 * engine's work on the main thread's event loop, and the engine's do not wait behind theirs.
 */
const setup = workerData as WorkerSetup;
// One sequence for the whole process, so external ids and new phones never repeat across phases.
const leads = new LeadBodies(setup.poolId, setup.repeatPercent);

parentPort!.on('message', (request: PhaseRequest) => {
  runPhase(setup, leads, request.phase).then(
    (result) => parentPort!.postMessage({ id: request.id, result } satisfies PhaseAnswer),
    (error: unknown) =>
      parentPort!.postMessage({ id: request.id, error: (error as Error).stack ?? String(error) } satisfies PhaseAnswer),
  );
});
