import { ratio as formatRatio } from '../intake/report';
import { type AgeingResults, closedSummary, intakeSummary, intakeToHealth, openSummary } from './results';

export interface Target {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
  readonly before: string;
}

/** The issue's targets, for whichever phases ran. */
export function targets(results: Partial<AgeingResults>): Target[] {
  const out: Target[] = [];
  const intake = results.intake ?? [];
  const fresh = intake.find((i) => i.name === 'fresh');
  const baseline = fresh ? intakeSummary(fresh).perSecond : NaN;
  for (const aged of intake.filter((i) => i !== fresh)) {
    const ratio = intakeSummary(aged).perSecond / baseline;
    out.push({
      target: `intake at ${aged.name} (${aged.events} events) >= 0.8x fresh`,
      measured: formatRatio(ratio),
      met: ratio >= 0.8,
      before: aged.name.startsWith('5000')
        ? '0.07x (3.8 / 51.6 leads/s)'
        : aged.name.startsWith('20000')
          ? '0.01x (0.59 / 51.6)'
          : '-',
    });
  }
  if (results.idle) {
    const idle = results.idle;
    out.push({
      target: 'idle engine on the full log <= 2% of a core',
      measured: `${idle.cpuPercentOfOneCore.toFixed(2)}%`,
      met: idle.cpuPercentOfOneCore <= 2,
      before: '99.5% at 552k events',
    });
    out.push({
      target: 'idle /health p99 <= 20 ms',
      measured: `${idle.health.p99Ms.toFixed(2)} ms`,
      met: idle.health.p99Ms <= 20,
      before: '277 ms at 552k events',
    });
  }
  if (results.loops) {
    const closed = results.loops.closed;
    const largest = closed.at(-1);
    if (largest) {
      const summary = closedSummary(largest);
      const perRound = largest.rounds.map((r) => formatRatio(intakeToHealth(r))).join(', ');
      out.push({
        target: `closed loop, ${largest.clients} clients: intake >= 0.25x /health of the same round (median of ${largest.rounds.length})`,
        measured: `${formatRatio(summary.intakeToHealth)} (rounds: ${perRound}; medians ${summary.intakePerSecond.toFixed(1)} leads/s, ${Math.round(summary.healthPerSecond)} /health)`,
        met: summary.intakeToHealth >= 0.25,
        before: '~0.01x',
      });
    }
    const rates = closed.map((c) => closedSummary(c).intakePerSecond);
    const monotone = rates.every((r, i) => i === 0 || r >= rates[i - 1]);
    out.push({
      target: `more clients never fewer leads/s (${closed.map((c) => c.clients).join(', ')} clients, medians)`,
      measured: rates.map((r) => r.toFixed(1)).join(' / '),
      met: monotone,
      before: '24.4 / 15.9 leads/s at 1 / 8 clients (intake bench)',
    });
    const open = results.loops.open;
    const summary = openSummary(open);
    const perRound = open.rounds.map((m) => m.figures.p99Ms.toFixed(1)).join(', ');
    out.push({
      target: `open loop at ${open.rate}/s (${open.basis}): p99 <= 50 ms (median of ${open.rounds.length})`,
      measured: `${summary.p99Ms.toFixed(1)} ms (rounds: ${perRound}), ${summary.errors} errors`,
      met: summary.p99Ms <= 50 && summary.errors === 0,
      before: '-',
    });
  }
  if (results.cli) {
    const { events, rebuild, verify } = results.cli;
    const rate = events / rebuild.seconds;
    out.push({
      target: 'rebuild >= 50k events/s',
      measured: `${Math.round(rate).toLocaleString('en-US')} events/s${rebuild.exitCode === 0 ? '' : ` (exit ${rebuild.exitCode})`}`,
      met: rate >= 50_000 && rebuild.exitCode === 0,
      before: '~5k/s (552k events in 111-117 s)',
    });
    const peakMB = (verify.peakRssMiB * 2 ** 20) / 1e6;
    out.push({
      target: 'verify peak memory <= 300 MB',
      measured: `${Math.round(peakMB)} MB (${Math.round(verify.peakRssMiB)} MiB)${verify.exitCode === 0 ? '' : `, exit ${verify.exitCode}`}`,
      met: peakMB <= 300 && verify.exitCode === 0,
      before: '1.8 GB',
    });
  }
  if (results.coldStart) {
    const c = results.coldStart;
    const worst = Math.max(c.healthMs, c.readEndpointMs);
    out.push({
      target: 'cold start to first 200 of /health and a read endpoint <= 3 s',
      measured: `${(c.healthMs / 1000).toFixed(2)} s / ${(c.readEndpointMs / 1000).toFixed(2)} s`,
      met: worst <= 3000,
      before: '-',
    });
  }
  return out;
}
