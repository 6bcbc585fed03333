import { ManualClock } from '@leadledger/kernel';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type EngineHarness, startEngine } from '../../e2e/support/engine-harness';
import { seriousAccessibilityViolations } from './accessibility';
import { ensureConsoleBuilt } from './built-console';
import { launchChromium } from './chromium';
import { type ConsoleScene, seedScene } from './console-scene';

const SCREENSHOTS = join(__dirname, '..', '..', '..', 'docs', 'console');

export interface ConsoleHarness {
  readonly engine: EngineHarness;
  readonly scene: ConsoleScene;
  readonly baseUrl: string;
  /** A fresh browser profile (its own session storage), in English unless a locale is given. */
  openConsole(options?: { locale?: string }): Promise<Page>;
  /** Types the key (an `Authorization` value from the scene) into the sign-in form. */
  signIn(page: Page, authorization: string): Promise<void>;
  /** Follows the navigation link to a view and waits for its heading. */
  goTo(page: Page, viewName: string): Promise<void>;
  accessibilityViolations(page: Page): Promise<string[]>;
  /** Script errors and refusals (CSP) any page met so far; failed requests (401, 409…) are answers, not errors. */
  browserErrors(): readonly string[];
  screenshot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** One engine (real SQLite in a temp dir, listening on a free port) and one chromium, for a test file. */
export async function startConsole(): Promise<ConsoleHarness> {
  ensureConsoleBuilt();
  const clock = new ManualClock('2026-09-20T00:00:00.000Z');
  const engine = await startEngine({ clock, env: { LEADLEDGER_SCHEDULER_INTERVAL_MS: '0' } });
  const scene = await seedScene(engine, clock);
  await engine.app.listen(0, '127.0.0.1');
  const { port } = engine.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser: Browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });

  return {
    engine,
    scene,
    baseUrl,
    openConsole: async ({ locale = 'en-US' } = {}) => {
      // The engine's default business time zone, so times read as a sales team in China reads them.
      const context = await browser.newContext({
        locale,
        timezoneId: 'Asia/Shanghai',
        viewport: { width: 1280, height: 900 },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          errors.push(message.text());
      });
      await page.goto(`${baseUrl}/console`);
      return page;
    },
    signIn: async (page, authorization) => {
      await page.getByLabel('API key').fill(authorization.replace(/^Bearer /, ''));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('signed-in-as').waitFor();
    },
    goTo: async (page, viewName) => {
      await page.getByRole('navigation').getByRole('link', { name: viewName }).click();
      await page.getByRole('heading', { level: 1, name: viewName }).waitFor();
    },
    accessibilityViolations: seriousAccessibilityViolations,
    browserErrors: () => errors,
    screenshot: async (page, name) => {
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      for (const context of contexts) await context.close();
      await browser.close();
      await engine.close();
    },
  };
}
