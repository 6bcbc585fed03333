#!/usr/bin/env node
'use strict';
// `npx leadledger` and `npm run cli` start here: the CLI runs from the build, so when there is
// none, say what to do instead of printing a module-not-found stack.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const built = join(__dirname, '..', '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(built)) {
  process.stderr.write('leadledger: the CLI is not built yet. Run `npm run build` first, then try again.\n');
  process.exit(1);
}
require(built);
