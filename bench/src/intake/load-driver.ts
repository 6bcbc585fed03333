import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Phase, PhaseAnswer, PhaseRequest, PhaseResult, WorkerSetup } from './protocol';

/** The main thread's handle on the load worker: runs one phase at a time and waits for its result. */
export class LoadDriver {
  private readonly worker: Worker;
  private nextId = 0;

  constructor(setup: WorkerSetup) {
    // Compiled next to this file (dist-bench/bench/src/intake/load-worker.js).
    this.worker = new Worker(join(__dirname, 'load-worker.js'), { workerData: setup });
  }

  run(phase: Phase): Promise<PhaseResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onMessage = (answer: PhaseAnswer) => {
        if (answer.id !== id) return;
        this.worker.off('message', onMessage);
        this.worker.off('error', reject);
        if (answer.result) resolve(answer.result);
        else reject(new Error(`load worker failed: ${answer.error}`));
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
      this.worker.postMessage({ id, phase } satisfies PhaseRequest);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}
