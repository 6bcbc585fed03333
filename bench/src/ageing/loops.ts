import type { AgeingConfig } from './config';
import type { EngineSession, MeasuredPhase } from './engine-session';
import { type ClosedLoops, type ClosedRound, type Loops, closedSummary } from './results';

/**
 * Loops (c), in rounds: each round runs, per client count, closed /health then closed /leads;
 * then the open loop of /leads runs once per round. Figures are medians over the rounds (the
 * issue's measurements are medians of three runs or more); a round runs every client count, so
 * a change of the machine's speed falls on all of them alike.
 */
export async function loops(session: EngineSession, config: AgeingConfig, log: (line: string) => void): Promise<Loops> {
  const rounds = new Map<number, ClosedRound[]>(config.loopClients.map((clients) => [clients, []]));
  for (let round = 1; round <= config.loopRounds; round++) {
    for (const clients of config.loopClients) {
      const health = await session.measure(`closed /health, ${clients} clients, round ${round}`, {
        endpoint: 'health',
        mode: 'closed',
        clients,
        count: config.loopHealthCount,
        maxSeconds: config.loopMaxSeconds,
      });
      const intake = await session.measure(`closed /leads, ${clients} clients, round ${round}`, {
        endpoint: 'intake',
        mode: 'closed',
        clients,
        count: config.loopIntakeCount,
        maxSeconds: config.loopMaxSeconds,
      });
      rounds.get(clients)?.push({ health, intake });
      log(
        `  round ${round}/${config.loopRounds}, ${clients} clients: /health ${Math.round(health.figures.achievedPerSecond)} req/s, ` +
          `/leads ${intake.figures.achievedPerSecond.toFixed(1)} leads/s (p50 ${intake.figures.p50Ms.toFixed(1)} ms, p99 ${intake.figures.p99Ms.toFixed(1)} ms); ` +
          `engine CPU ${cpuEach(intake)} a lead, ${cpuEach(health)} a /health`,
      );
    }
  }
  const closed: ClosedLoops[] = [...rounds].map(([clients, measured]) => ({ clients, rounds: measured }));
  const { rate, basis } = openRate(closed, config);
  const open: MeasuredPhase[] = [];
  for (let round = 1; round <= config.loopRounds; round++) {
    const measured = await session.measure(`open /leads at ${rate}/s, round ${round}`, {
      endpoint: 'intake',
      mode: 'open',
      rate,
      seconds: config.openSeconds,
    });
    open.push(measured);
    log(
      `  open loop at ${rate} leads/s (${basis}) for ${config.openSeconds} s, round ${round}/${config.loopRounds}: ` +
        `answered ${measured.figures.achievedPerSecond.toFixed(1)}/s, p50 ${measured.figures.p50Ms.toFixed(1)} ms, ` +
        `p99 ${measured.figures.p99Ms.toFixed(1)} ms, errors ${measured.figures.errors}; engine CPU ${cpuEach(measured)} a lead`,
    );
  }
  return { closed, open: { rate, basis, rounds: open } };
}

const cpuEach = (m: MeasuredPhase): string =>
  m.engineCpuMsPerAnswer === null ? '-' : `${m.engineCpuMsPerAnswer.toFixed(m.engineCpuMsPerAnswer < 1 ? 2 : 1)} ms`;

/** The open loop's offered rate: set, or from the medians of the largest client count's closed loops. */
function openRate(closed: readonly ClosedLoops[], config: AgeingConfig): { rate: number; basis: string } {
  let rate = config.openRate;
  let basis = 'BENCH_AGEING_OPEN_RATE';
  const largest = closed.at(-1);
  if (rate === 0 && largest) {
    const { healthPerSecond: health, intakePerSecond: intake } = closedSummary(largest);
    const n = largest.clients;
    if (config.openBasis === 'health') {
      rate = health / 2;
      basis = `half the ${n}-client /health rate`;
    } else if (config.openBasis === 'intake') {
      rate = intake / 2;
      basis = `half the ${n}-client intake rate`;
    } else if (health / 8 <= intake) {
      rate = health / 8;
      basis = `half of 0.25x the ${n}-client /health rate (the issue's intake target)`;
    } else {
      // Offering more than the engine answers closed-loop only measures a queue that grows for the whole phase.
      rate = intake / 2;
      basis =
        `half the ${n}-client intake rate: half of 0.25x the /health rate (${(health / 8).toFixed(1)}/s) ` +
        `is more than the engine answered closed-loop (${intake.toFixed(1)}/s)`;
    }
  }
  return { rate: Math.max(0.1, Math.round(rate * 10) / 10), basis };
}
