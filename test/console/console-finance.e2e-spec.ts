import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describeInBrowser } from './support/chromium';
import { type ConsoleHarness, startConsole } from './support/console-harness';

/** The file a click on a table's "Download CSV" saves, and its name. */
async function downloadCsv(page: Page, tableName: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: `Download CSV: ${tableName}` }).click(),
  ]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

/** Issue 16: a rep's statement, the reconciliation, and a payout run behind a confirmation, in the browser. */
describeInBrowser('the console: statements, reconciliation and payouts', () => {
  let ui: ConsoleHarness;
  beforeAll(async () => (ui = await startConsole()));
  afterAll(async () => ui?.close());

  it('reads a rep’s statement with each line’s arithmetic and provenance, and downloads it as CSV', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.finance);
    await ui.goTo(page, 'Finance');
    await page.getByLabel('Rep').fill('rep-b');
    await page.getByLabel('Period (e.g. 2026-10)').first().fill('2026-10');
    await page.getByRole('button', { name: 'Show' }).first().click();
    const lines = page.getByTestId('statement-lines');
    const line = lines.getByRole('row').filter({ hasText: 'SO-1' });
    await line.getByText('10,000.00 x 5.00% x 1 = 500.00').waitFor();
    await line.getByText('500.00 CNY').waitFor();
    await line.getByText('plan sales-2026 v1, rule rate', { exact: false }).waitFor();
    await page
      .getByTestId('statement-totals')
      .getByRole('row')
      .filter({ hasText: 'CNY' })
      .getByText('500.00')
      .first()
      .waitFor();
    expect(await ui.accessibilityViolations(page)).toEqual([]);
    await ui.screenshot(page, 'statement');

    const csv = await downloadCsv(page, 'Lines: rep-b 2026-10');
    expect(csv.name).toBe('statement-rep-rep-b-2026-10.csv');
    expect(csv.text).toContain('SO-1');
    expect(csv.text).toContain('50000');
    const totals = await downloadCsv(page, 'Totals: rep-b 2026-10');
    expect(totals.text.split(/\r?\n/)[0]).toBe('Currency,Opening,Accrued,Clawed back,Adjusted,Paid,Closing due');
    expect(totals.text).toContain('CNY,0,50000,0,0,0,50000');
  });

  it('shows a rep their own statement only, and its CSV', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.rep['rep-a']);
    await ui.goTo(page, 'Finance');
    expect(await page.getByLabel('Rep').inputValue()).toBe('rep-a');
    await page.getByLabel('Period (e.g. 2026-10)').fill('2026-10');
    await page.getByRole('button', { name: 'Show' }).click();
    await page
      .getByTestId('statement-lines')
      .getByRole('row')
      .filter({ hasText: 'SO-2' })
      .getByText('200.00 CNY')
      .waitFor();
    expect(await page.getByTestId('statement-lines').getByText('SO-1').count()).toBe(0);
    const csv = await downloadCsv(page, 'Lines: rep-a 2026-10');
    expect(csv.text).toContain('SO-2');
    expect(csv.text).not.toContain('SO-1');
  });

  it('shows the reconciliation beside its control total, downloadable as CSV', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.finance);
    await ui.goTo(page, 'Finance');
    const section = page.getByRole('region', { name: 'Reconciliation' });
    await section.getByLabel('Period (e.g. 2026-10)').fill('2026-10');
    await section.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('reconciliation-verdict').filter({ hasText: 'matches the control total' }).waitFor();
    const csv = await downloadCsv(page, 'Reconciliation 2026-10');
    expect(csv.text).toContain('rep-b');
  });

  it('previews a payout run, runs it only after the confirmation, and then the period is closed', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.finance);
    await ui.goTo(page, 'Finance');
    const section = page.getByRole('region', { name: 'Payout' });
    await section.getByLabel('Period (e.g. 2026-10)').fill('2026-10');
    await section.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByTestId('payout-preview');
    await preview.getByRole('row').filter({ hasText: 'rep:rep-a' }).getByText('200.00').waitFor();
    await preview.getByRole('row').filter({ hasText: 'rep:rep-b' }).getByText('500.00').waitFor();
    const csv = await downloadCsv(page, 'A run now would pay: 2026-10');
    expect(csv.text).toContain('rep:rep-b,CNY,50000');

    await section.getByRole('button', { name: 'Run payout…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Pay and close 2026-10?' });
    await dialog.getByText('This pays 2 payees and closes 2026-10 for good').waitFor();
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Cancel');
    expect(await ui.accessibilityViolations(page)).toEqual([]);
    await ui.screenshot(page, 'payout-confirmation');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const runs = await ui.engine.http().get('/payout-runs').set('Authorization', ui.scene.keys.finance).expect(200);
    expect(runs.body.runs).toEqual([]);

    await section.getByRole('button', { name: 'Run payout…' }).click();
    await dialog.getByRole('button', { name: 'Pay and close' }).click();
    await page.getByRole('status').filter({ hasText: 'paid 2 payees and closed 2026-10' }).waitFor();
    await section.getByRole('button', { name: 'Preview' }).click();
    await section.getByRole('alert').filter({ hasText: 'PeriodClosed' }).waitFor();
  });

  it('lets a manager preview but not run a payout', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.manager);
    await ui.goTo(page, 'Finance');
    const section = page.getByRole('region', { name: 'Payout' });
    await section.getByLabel('Period (e.g. 2026-10)').fill('2026-11');
    await section.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('payout-preview').waitFor();
    expect(await section.getByRole('button', { name: 'Run payout…' }).count()).toBe(0);
  });

  it('met no script error and no refusal by the content security policy on the way', () => {
    expect(ui.browserErrors()).toEqual([]);
  });
});
