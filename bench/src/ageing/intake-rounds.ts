import type { AgeingConfig } from './config';
import type { MeasuredPhase } from './engine-session';
import type { LiveEngine } from './live-engine';
import type { IntakeAtAge } from './results';

/**
 * Intake (a): every engine up at once (idle apart from the one measured), `rounds` closed loops
 * of `intakeSeconds` each, the order rotated every round.
 */
export async function intakeRounds(
  engines: readonly LiveEngine[],
  config: AgeingConfig,
  log: (line: string) => void,
): Promise<IntakeAtAge[]> {
  for (const e of engines) await e.session.warmUp(config.warmup);
  const rounds = new Map<LiveEngine, MeasuredPhase[]>(engines.map((e) => [e, []]));
  for (let round = 0; round < config.intakeRounds; round++) {
    const order = engines.map((_, i) => engines[(i + round) % engines.length]);
    for (const e of order) {
      const measured = await e.session.measure(`intake on ${e.name}`, {
        endpoint: 'intake',
        mode: 'closed',
        clients: config.intakeClients,
        count: 1_000_000,
        maxSeconds: config.intakeSeconds,
      });
      rounds.get(e)!.push(measured);
      log(
        `  round ${round + 1}/${config.intakeRounds}, ${e.name}: ${measured.figures.achievedPerSecond.toFixed(1)} leads/s, ` +
          `p50 ${measured.figures.p50Ms.toFixed(1)} ms, p99 ${measured.figures.p99Ms.toFixed(1)} ms (load ${measured.load1})`,
      );
    }
  }
  return engines.map((e) => ({
    name: e.name,
    events: e.events,
    poolStreamEvents: e.poolStreamEvents,
    catchUpMs: e.catchUpMs,
    rounds: rounds.get(e)!,
  }));
}
