import type { BenchConfig } from './config';
import type { MachineInfo } from './machine';
import { markdownTable } from './markdown-table';
import { type Summary, WORKLOADS } from './summary';

const round = (n: number) => Math.round(n).toLocaleString('en-US');
const ratio = (n: number) => `${n.toFixed(2)}x`;

/** The markdown table of the issue: workload | ours | raw | peer | ours/raw | ours/peer. */
export function resultsTable(summary: Summary): string {
  return markdownTable(
    ['workload', 'ours ev/s', 'raw ev/s', 'peer ev/s', 'ours/raw', 'ours/peer'],
    WORKLOADS.map((w) => [
      w,
      round(summary[w].ours),
      round(summary[w].raw),
      round(summary[w].peer),
      ratio(summary.ratios[w].oursToRaw),
      ratio(summary.ratios[w].oursToPeer),
    ]),
  );
}

export function targetLines(summary: Summary): string[] {
  return summary.targets.map(
    (t) =>
      `${t.met ? 'met   ' : 'MISSED'} ${t.workload} ours/${t.against} = ${ratio(t.ratio)} (target >= ${t.atLeast}x)`,
  );
}

export function describeSetup(
  config: BenchConfig,
  machine: MachineInfo,
  bytes: { data: number; metadata: number },
): string {
  const disk =
    typeof machine.disk === 'string'
      ? machine.disk
      : `${machine.disk.filesystem} (${machine.disk.type}) on ${machine.disk.mountedOn}`;
  return [
    `events per run: ${config.events} (one per commit, ${config.streams} streams round-robin), read batch ${config.readBatch}, runs ${config.runs} (median)`,
    `event size: data ~${bytes.data} B, metadata ~${bytes.metadata} B of JSON`,
    `machine: ${machine.cpus} cpus (${machine.cpuModel}), ${machine.memoryMiB} MiB, node ${machine.node}, ${machine.os}`,
    `databases in ${config.tempBase}: ${disk}`,
  ].join('\n');
}
