import { join } from 'node:path';
import { readConfig } from './config';
import { averageBytes, makeEvents, streamIds } from './fixtures';
import { machineInfo } from './machine';
import { describeSetup, resultsTable, targetLines } from './report';
import { resultsDocument, writeJson } from './results';
import { type RunSample, runOnce } from './run';
import { median } from './stats';
import { summarise } from './summary';
import { ours } from './workloads/ours';
import { peer, peerKeptOpen } from './workloads/peer';
import { raw, rawChain } from './workloads/raw';
import type { Subject } from './workloads/subject';

/** `npm run bench`: run from the repository root; writes bench/results/latest.json there. */
async function main(): Promise<void> {
  const config = readConfig();
  const machine = machineInfo(config.tempBase);
  const events = makeEvents(config.events);
  const streams = streamIds(config.streams);
  const bytes = averageBytes(events);
  console.log(describeSetup(config, machine, bytes));
  if (typeof machine.disk !== 'string' && machine.disk.type === 'tmpfs') {
    console.log('WARNING: the databases are on tmpfs, where fsync costs nothing; set BENCH_TMPDIR to a real disk.');
  }

  const subjects: Subject[] = [ours, raw, rawChain, peer, peerKeptOpen];
  const samples = new Map<Subject, RunSample[]>(subjects.map((s) => [s, []]));

  for (const subject of subjects) {
    await runOnce(subject, events.slice(0, config.warmupEvents), streams, { ...config, minReadSeconds: 0.05 });
  }
  console.log('warm-up done');

  for (let run = 0; run < config.runs; run++) {
    // Interleaved and rotated, so drift on a shared machine hits every subject alike.
    const order = subjects.map((_, i) => subjects[(i + run) % subjects.length]);
    for (const subject of order) {
      const sample = await runOnce(subject, events, streams, config);
      samples.get(subject)!.push(sample);
      console.log(
        `run ${run + 1}/${config.runs} ${subject.name.padEnd(21)} append ${Math.round(sample.appendPerSecond)} ev/s, read ${Math.round(sample.readPerSecond)} ev/s (${sample.readPasses} passes)${sample.retriedCommits ? `, ${sample.retriedCommits} commits retried after SQLITE_BUSY` : ''}`,
      );
    }
  }

  const summary = summarise({ ours: samples.get(ours)!, raw: samples.get(raw)!, peer: samples.get(peer)! });
  const keptOpen = samples.get(peerKeptOpen)!;
  const keptOpenAppend = median(keptOpen.map((s) => s.appendPerSecond));

  console.log('');
  console.log(resultsTable(summary));
  console.log('');
  console.log(
    `reference: peer append on one kept-open connection (not its public store) ${Math.round(keptOpenAppend)} ev/s; ours/that = ${(summary.append.ours / keptOpenAppend).toFixed(2)}x`,
  );
  for (const line of targetLines(summary)) console.log(line);
  const chain = chainCost(summary.append.raw, samples.get(rawChain)!);
  console.log(
    `hash chain: raw+chain append ${Math.round(chain.rawChain)} ev/s vs raw ${Math.round(summary.append.raw)} ev/s: ` +
      `${chain.costPercent.toFixed(1)}% slower (runs: ${chain.runs.map((r) => Math.round(r)).join(', ')} ev/s); ` +
      `ours (which keeps the chain)/raw+chain = ${(summary.append.ours / chain.rawChain).toFixed(2)}x`,
  );

  const out = join(process.cwd(), 'bench', 'results', 'latest.json');
  writeJson(out, resultsDocument({ summary, subjects, samples, peerKeptOpen, chain, config, bytes, machine }));
  console.log(`\nwrote ${out}`);
}

/** What the hash chain costs a durable single-event append: raw with the chain against raw, medians of one run. */
function chainCost(rawAppend: number, chainRuns: readonly RunSample[]) {
  const runs = chainRuns.map((s) => s.appendPerSecond);
  const rawChainAppend = median(runs);
  return { rawChain: rawChainAppend, costPercent: (1 - rawChainAppend / rawAppend) * 100, runs };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
