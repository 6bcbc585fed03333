import { allProjections } from '@leadledger/platform';
import { verifyReadModels } from '@leadledger/projections';
import type { Command } from 'commander';
import { CliFailure, type CliIo } from '../cli-io';
import { withStoreAndReadModels } from '../cli-resources';
import { namingDamagedFiles } from '../naming-damaged-files';

export function verifyCommand(program: Command, io: CliIo): void {
  program
    .command('verify')
    .description('rebuild every read model in a scratch database and compare it with the live one')
    .action(async () => {
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
      if (failures > 0) throw new CliFailure(`verify: ${failures} read model(s) differ from the log`);
    });
}
