import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { BenchConfig } from './config';
import type { MachineInfo } from './machine';
import type { RunSample } from './run';
import { median } from './stats';
import type { Figures, Summary } from './summary';
import type { Subject } from './workloads/subject';

export interface ResultsInput {
  readonly summary: Summary;
  readonly subjects: readonly Subject[];
  readonly samples: ReadonlyMap<Subject, readonly RunSample[]>;
  readonly peerKeptOpen: Subject;
  /** raw with the hash chain against raw (append, medians): the chain's cost. */
  readonly chain: { readonly rawChain: number; readonly costPercent: number };
  readonly config: BenchConfig;
  readonly bytes: { data: number; metadata: number };
  readonly machine: MachineInfo;
}

const perSecond = (f: Figures): Figures => ({
  ours: Math.round(f.ours),
  raw: Math.round(f.raw),
  peer: Math.round(f.peer),
});
const r3 = (n: number) => Math.round(n * 1000) / 1000;

/**
 * bench/results/latest.json: the shape ({"append": {"ours", "raw", "peer"},
 * "read": {...}}, events/s) first, then ratios, targets, every run and the machine.
 */
export function resultsDocument(input: ResultsInput): Record<string, unknown> {
  const { summary, subjects, samples, config } = input;
  const keptOpen = samples.get(input.peerKeptOpen) ?? [];
  return {
    append: perSecond(summary.append),
    read: perSecond(summary.read),
    ratios: {
      append: { oursToRaw: r3(summary.ratios.append.oursToRaw), oursToPeer: r3(summary.ratios.append.oursToPeer) },
      read: { oursToRaw: r3(summary.ratios.read.oursToRaw), oursToPeer: r3(summary.ratios.read.oursToPeer) },
    },
    targets: summary.targets.map((t) => ({ ...t, ratio: r3(t.ratio) })),
    peerOneConnection: {
      append: Math.round(median(keptOpen.map((s) => s.appendPerSecond))),
      read: Math.round(median(keptOpen.map((s) => s.readPerSecond))),
    },
    chain: {
      append: { raw: Math.round(summary.append.raw), rawChain: Math.round(input.chain.rawChain) },
      costPercent: Math.round(input.chain.costPercent * 10) / 10,
      oursToRawChain: r3(summary.append.ours / input.chain.rawChain),
    },
    subjects: Object.fromEntries(
      subjects.map((s) => {
        const runs = samples.get(s) ?? [];
        return [
          s.name,
          {
            label: s.label,
            durability: runs[0]?.durability,
            runs: runs.map((run) => ({
              appendPerSecond: Math.round(run.appendPerSecond),
              readPerSecond: Math.round(run.readPerSecond),
              readPasses: run.readPasses,
              retriedCommits: run.retriedCommits,
            })),
          },
        ];
      }),
    ),
    config: {
      events: config.events,
      streams: config.streams,
      readBatch: config.readBatch,
      runs: config.runs,
      eventBytes: input.bytes,
    },
    machine: input.machine,
    finishedAt: new Date().toISOString(),
  };
}

/** Writes via a .tmp file and a rename, so a reader never sees half a file. */
export function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(tmp, file);
}
