import type { AgeingConfig } from './config';
import type { EngineSession } from './engine-session';
import type { Loops } from './results';

/** Loops (c): per client count, closed /health then closed /leads; then one open loop of /leads. */
export async function loops(session: EngineSession, config: AgeingConfig, log: (line: string) => void): Promise<Loops> {
  const closed: Loops['closed'] = [];
  for (const clients of config.loopClients) {
    const health = await session.measure(`closed /health, ${clients} clients`, {
      endpoint: 'health',
      mode: 'closed',
      clients,
      count: config.loopHealthCount,
      maxSeconds: config.loopMaxSeconds,
    });
    const intake = await session.measure(`closed /leads, ${clients} clients`, {
      endpoint: 'intake',
      mode: 'closed',
      clients,
      count: config.loopIntakeCount,
      maxSeconds: config.loopMaxSeconds,
    });
    closed.push({ clients, health, intake });
    log(
      `  ${clients} clients: /health ${Math.round(health.figures.achievedPerSecond)} req/s, ` +
        `/leads ${intake.figures.achievedPerSecond.toFixed(1)} leads/s (p50 ${intake.figures.p50Ms.toFixed(1)} ms, p99 ${intake.figures.p99Ms.toFixed(1)} ms)`,
    );
  }
  const largest = closed.at(-1);
  let rate = config.openRate;
  let basis = 'BENCH_AGEING_OPEN_RATE';
  if (rate === 0 && largest) {
    const health = largest.health.figures.achievedPerSecond;
    const intake = largest.intake.figures.achievedPerSecond;
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
  rate = Math.max(0.1, Math.round(rate * 10) / 10);
  const open = await session.measure(`open /leads at ${rate}/s`, {
    endpoint: 'intake',
    mode: 'open',
    rate,
    seconds: config.openSeconds,
  });
  log(
    `  open loop at ${rate} leads/s (${basis}) for ${config.openSeconds} s: answered ${open.figures.achievedPerSecond.toFixed(1)}/s, ` +
      `p50 ${open.figures.p50Ms.toFixed(1)} ms, p99 ${open.figures.p99Ms.toFixed(1)} ms, errors ${open.figures.errors}`,
  );
  return { closed, open: { rate, basis, measured: open } };
}
