import { mkdirSync } from 'node:fs';
import type { AgeingConfig } from './config';
import { logSize, useLog } from './data-dir';
import { EngineProcess } from './engine-process';
import { EngineSession } from './engine-session';

/** An engine child on a copy of one cached log, caught up and warmed up, with its load driver. */
export interface LiveEngine {
  readonly name: string;
  readonly dir: string;
  readonly events: number;
  readonly poolStreamEvents: number;
  /** Spawn to every read model and reactor at the head; the read models start empty, so this is a catch-up. */
  readonly catchUpMs: number;
  readonly session: EngineSession;
}

export async function startOn(
  name: string,
  source: string,
  dir: string,
  config: AgeingConfig,
  log: (line: string) => void,
): Promise<LiveEngine> {
  mkdirSync(dir, { recursive: true });
  useLog(source, dir);
  const size = logSize(dir);
  const engine = await EngineProcess.start(dir);
  const session = new EngineSession(engine, dir, config.repeatPercent, log);
  try {
    const { ms: catchUpMs } = await engine.caughtUp();
    log(
      `  engine on ${name} (${size.events} events, pool stream ${size.poolStreamEvents}): ` +
        `caught up ${(catchUpMs / 1000).toFixed(1)} s after spawn`,
    );
    return { name, dir, ...size, catchUpMs, session };
  } catch (error) {
    await session.close();
    throw error;
  }
}
