import { markdownTable } from '../markdown-table';
import type { MachineInfo } from '../machine';
import type { IntakeBenchConfig } from './config';
import type { PhaseFigures } from './latency';
import type { Phase } from './protocol';

export interface ReportedPhase {
  readonly name: string;
  readonly phase: Phase;
  readonly figures: PhaseFigures;
  /** Intake only: events in the pool's stream when the phase began (every routed lead adds one). */
  readonly poolEventsAtStart: number | null;
}

export const ms = (n: number | null) => (n === null ? '-' : n < 10 ? n.toFixed(2) : n.toFixed(1));
export const perSecond = (n: number) => (n < 100 ? n.toFixed(1) : Math.round(n).toLocaleString('en-US'));
export const ratio = (n: number) => `${n.toFixed(2)}x`;

export function describeLoad(phase: Phase): string {
  return phase.mode === 'open'
    ? `open, ${phase.rate}/s for ${phase.seconds} s`
    : `closed, ${phase.clients} clients, ${phase.count} requests`;
}

/** One row per phase: what was offered, what came back, and how long it took. */
export function phaseTable(phases: readonly ReportedPhase[]): string {
  return markdownTable(
    ['request', 'load', 'answered/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors', 'pool events at start'],
    phases.map(({ name, phase, figures: f, poolEventsAtStart }) => [
      name,
      describeLoad(phase),
      perSecond(f.achievedPerSecond),
      ms(f.p50Ms),
      ms(f.p90Ms),
      ms(f.p99Ms),
      ms(f.maxMs),
      String(f.errors),
      poolEventsAtStart === null ? '-' : String(poolEventsAtStart),
    ]),
    2, // request and load are labels
  );
}

export function describeSetup(config: IntakeBenchConfig, machine: MachineInfo): string {
  const disk =
    typeof machine.disk === 'string'
      ? machine.disk
      : `${machine.disk.filesystem} (${machine.disk.type}) on ${machine.disk.mountedOn}`;
  return [
    `open loop: ${config.rate} requests/s for ${config.seconds} s per endpoint; closed loop: ${
      config.closedCount > 0
        ? `${config.closedCount} requests per endpoint with ${config.clients.join(', then ')} clients`
        : 'skipped'
    }`,
    `leads: web-form, name + phone, ${config.repeatPercent}% reuse an earlier lead's phone; warm-up ${config.warmup} requests per endpoint`,
    `machine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryMiB} MiB, node ${machine.node}, ${machine.os}`,
    `engine data in ${config.tempBase}: ${disk}`,
  ].join('\n');
}
