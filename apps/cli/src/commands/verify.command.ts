import { type ChainReport, verifyHashChain } from '@leadledger/event-store';
import { allProjections, describeDamagedFiles, loadConfig } from '@leadledger/platform';
import { verifyReadModels } from '@leadledger/projections';
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { CliFailure, type CliIo } from '../cli-io';
import { withStore, withStoreAndReadModels } from '../cli-resources';
import { namingDamagedFiles } from '../naming-damaged-files';

export function verifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description(
      "check the log's hash chain, every page of the engine's files, then rebuild every read model in a scratch " +
        'database and compare it with the live one',
    )
    .option('--chain-only', "check only the log's hash chain (needs no read models)")
    .action(async (options: { chainOnly?: boolean }) => {
      const chain = await namingDamagedFiles(io, () => withStore(io, (store) => verifyHashChain(store)));
      for (const line of describeChain(chain)) io.stdout(`${line}\n`);
      const problems = chain.broken ? ['the hash chain is broken'] : [];
      if (!options.chainOnly) {
        checkEveryPage(io);
        const differing = await verifyEveryReadModel(io);
        if (differing > 0) problems.push(`${differing} read model(s) differ from the log`);
      }
      if (problems.length > 0) throw new CliFailure(`verify: ${problems.join('; ')}`);
    });
}

/** What an operator reads and an auditor writes down: where the chain starts, its head, or its first break. */
function describeChain(chain: ChainReport): string[] {
  if (chain.broken) {
    return [`event log: hash chain BROKEN at position ${chain.broken.position}: ${chain.broken.problem}`];
  }
  if (chain.events === 0) return ['event log: empty'];
  if (chain.chainStartsAt === null || chain.head === null) {
    return [
      `event log: ${chain.events} events, none with a hash: this log keeps no hash chain (see "Tamper evidence" in docs/operations.md)`,
    ];
  }
  const lines = [
    `event log: hash chain intact from position ${chain.chainStartsAt} to ${chain.head.position} (${chain.events - chain.unhashed} events)`,
    `event log: head ${chain.head.position} ${chain.head.hash}`,
  ];
  if (chain.unhashed > 0) {
    lines.push(
      `event log: the ${chain.unhashed} events before position ${chain.chainStartsAt} were recorded before the chain and are not covered`,
    );
  }
  return lines;
}

/**
 * SQLite's quick_check on the events, read-model and snapshot files: it reads every page, so it
 * finds damage where the comparisons below never read (an index, the root page of an empty
 * table), which the engine would meet only when a query goes through it. A damaged file ends
 * verify with the line that names it and what to do, as damage met on the way does.
 */
function checkEveryPage(io: CliIo): void {
  const damaged = describeDamagedFiles(loadConfig(io.env));
  if (damaged.length > 0) throw new CliFailure(damaged.join('\n'));
  io.stdout('files: quick_check found every page intact\n');
}

/** Rebuilds each read model in a scratch database and prints how it compares; returns how many differ. */
async function verifyEveryReadModel(io: CliIo): Promise<number> {
  const { readModelsFile } = loadConfig(io.env);
  // Opening it would make an empty one, which a running engine whose file was deleted would then meet.
  if (!existsSync(readModelsFile)) {
    throw new CliFailure(
      `verify: there is no ${readModelsFile} to compare with the log: the engine builds it when it starts ` +
        '(an engine running while it was deleted goes on writing the deleted file: restart it)',
    );
  }
  const results = await namingDamagedFiles(io, () =>
    withStoreAndReadModels(io, (store, readModels, config) =>
      verifyReadModels(store, readModels, allProjections(config)),
    ),
  );
  let failures = 0;
  for (const r of results) {
    if (r.problem) {
      failures++;
      io.stdout(`${r.projection}: cannot verify: ${r.problem}\n`);
    } else if (r.difference) {
      failures++;
      const d = r.difference;
      io.stdout(
        `${r.projection}: DIFFERS at position ${r.position}: table ${d.table}, row ${d.rowIndex}\n` +
          `  live:    ${d.live ?? '(missing)'}\n  rebuilt: ${d.rebuilt ?? '(missing)'}\n`,
      );
    } else {
      io.stdout(`${r.projection}: identical at position ${r.position}\n`);
    }
  }
  return failures;
}
