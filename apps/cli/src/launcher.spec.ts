import { spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDirectory } from '@leadledger/event-store/testing';

const root = join(__dirname, '..', '..', '..');
const launcher = join(root, 'apps', 'cli', 'bin', 'leadledger.js');

/** The launcher placed in a copy of the repository layout, with or without a build beside it. */
function layout(dir: string, built: boolean): string {
  mkdirSync(join(dir, 'apps', 'cli', 'bin'), { recursive: true });
  const copy = join(dir, 'apps', 'cli', 'bin', 'leadledger.js');
  copyFileSync(launcher, copy);
  if (built) {
    mkdirSync(join(dir, 'dist', 'apps', 'cli', 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'dist', 'apps', 'cli', 'src', 'main.js'),
      'process.stdout.write(process.argv.slice(2).join(" "));',
    );
  }
  return copy;
}

describe('the leadledger command', () => {
  const dir = tempDirectory('leadledger-launcher');
  afterAll(() => dir.remove());

  it('is the package bin, so `npx leadledger` runs it after `npm run build`, as is `npm run cli`', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ leadledger: 'apps/cli/bin/leadledger.js' });
    expect(pkg.scripts.cli).toBe('node apps/cli/bin/leadledger.js');
    expect(readFileSync(launcher, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(() => accessSync(launcher, constants.X_OK)).not.toThrow();
  });

  it('says to build first instead of printing a stack when there is no build', () => {
    const run = spawnSync(process.execPath, [layout(dir.file('fresh'), false), 'verify'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('leadledger: the CLI is not built yet. Run `npm run build` first, then try again.\n');
  });

  it('runs the built CLI with the arguments given', () => {
    const run = spawnSync(process.execPath, [layout(dir.file('built'), true), 'keys', 'list'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('keys list');
  });
});
