import axe from 'axe-core';
import type { Page } from 'playwright-core';

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly nodes: readonly { target: readonly string[] }[];
}
type AxeWindow = { axe: { run(): Promise<{ violations: Violation[] }> } };

/**
 * axe-core's rules on the page as it stands: the serious and critical violations, each as
 * "rule: help (elements)". axe is evaluated through the browser's debugging protocol, so the
 * console's CSP (scripts from its own origin only) stays in force.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const { violations } = await page.evaluate(() => (globalThis as unknown as AxeWindow).axe.run());
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}
