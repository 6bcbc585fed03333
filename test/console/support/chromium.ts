import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium (apt-get install chromium); another build can be named in LEADLEDGER_CHROMIUM. */
export const CHROMIUM_PATH = process.env.LEADLEDGER_CHROMIUM ?? '/usr/bin/chromium';

/** CI sets this so that a missing browser fails the run instead of skipping the console's tests. */
const REQUIRED = process.env.LEADLEDGER_BROWSER_TESTS === 'required';

/**
 * A describe block that runs in a real browser: skipped, saying why, where no chromium is
 * installed, unless LEADLEDGER_BROWSER_TESTS=required, where that is a failure.
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM_PATH)) return describe(name, suite);
  const missing = `no chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set LEADLEDGER_CHROMIUM)`;
  if (REQUIRED) {
    return describe(name, () => {
      it('needs a browser (LEADLEDGER_BROWSER_TESTS=required)', () => {
        throw new Error(`The console's browser tests are required but cannot run: ${missing}`);
      });
    });
  }
  console.warn(`Skipping the console's browser tests "${name}": ${missing}`);
  describe.skip(`${name} (skipped: ${missing})`, suite);
}

/** One headless chromium per test file, without the network services a fresh profile would start. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
