import { BENCH_POOL_ID } from '../intake/seed';
import { BENCH_SERVICE_SECRET } from '../log/generated-log';
import { logSize } from './data-dir';
import { EngineProcess } from './engine-process';
import { load1 } from './load-average';

export const AUTH = { authorization: `Bearer ${BENCH_SERVICE_SECRET}` };

export interface ColdStart {
  readonly healthMs: number;
  readonly readEndpoint: string;
  readonly readEndpointMs: number;
  /** Until every projection and reactor reported itself at the head. */
  readonly caughtUpMs: number;
  readonly events: number;
  readonly load1: number;
}

/** Cold start (d): spawn to the first 200 of /health and of a read endpoint, polled every 5 ms each. */
export async function measureColdStart(dataDir: string, log: (line: string) => void): Promise<ColdStart> {
  const { events } = logSize(dataDir);
  const loadAtStart = load1();
  const engine = await EngineProcess.start(dataDir);
  try {
    const readEndpoint = `/pools/${BENCH_POOL_ID}`;
    const [healthMs, readEndpointMs] = await Promise.all([
      engine.firstOk('/health'),
      engine.firstOk(readEndpoint, AUTH),
    ]);
    const { ms: caughtUpMs } = await engine.caughtUp();
    log(
      `  cold start: /health ${Math.round(healthMs)} ms, GET ${readEndpoint} ${Math.round(readEndpointMs)} ms, ` +
        `caught up ${Math.round(caughtUpMs)} ms after spawn`,
    );
    return { healthMs, readEndpoint, readEndpointMs, caughtUpMs, events, load1: loadAtStart };
  } finally {
    await engine.stop();
  }
}
