import { describeInBrowser } from './support/chromium';
import { type ConsoleHarness, startConsole } from './support/console-harness';

/** Issue 16: who owns a customer and since when, the shared pool (公海), and disputes, in the browser. */
describeInBrowser('the console: ownership, the shared pool and disputes', () => {
  let ui: ConsoleHarness;
  beforeAll(async () => (ui = await startConsole()));
  afterAll(async () => ui?.close());

  it('looks a customer up by phone and moves the as-of date across the transfer', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.manager);
    await ui.goTo(page, 'Customers');
    await page.getByLabel('Look up by').selectOption('phone');
    await page.getByLabel('Value').fill('139 0000 0011');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('owner-now').filter({ hasText: 'rep-b' }).waitFor();
    // The customer's name and company (its first lead's) lead the card; its id comes last.
    await page.getByTestId('customer-name').filter({ hasText: '张伟' }).waitFor();
    await page.getByTestId('customer-company').filter({ hasText: 'Acme 贸易' }).waitFor();
    expect(await page.getByTestId('customer-facts').locator('dt').first().textContent()).toBe('Name');
    expect(await page.getByTestId('customer-facts').locator('dt').last().textContent()).toBe('Customer id');
    const ownerAsOf = page.getByTestId('owner-as-of');
    await ownerAsOf.filter({ hasText: 'Owner after the last event: rep-b' }).waitFor();
    await page.getByRole('table', { name: 'Ownership history' }).getByText('rep-a moves to key accounts').waitFor();

    await page.getByLabel('As of').fill('2026-10-10');
    await page.getByRole('button', { name: 'Show' }).click();
    await ownerAsOf.filter({ hasText: 'Owner as of 2026-10-10: rep-a' }).waitFor();
    expect(await page.getByTestId('timeline').textContent()).not.toContain('rep-a moves to key accounts');
    expect(await ui.accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('As of').fill('2026-10-21');
    await page.getByRole('button', { name: 'Show' }).click();
    await ownerAsOf.filter({ hasText: 'Owner as of 2026-10-21: rep-b' }).waitFor();
    await page.getByTestId('timeline').getByText('rep-a moves to key accounts').waitFor();
    await ui.screenshot(page, 'customer-as-of');
  });

  it('lets a manager transfer a customer with a reason, shown at once in its history and timeline', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.manager);
    await page.getByLabel('Value').fill('13900000022');
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('owner-now').filter({ hasText: 'rep-a' }).waitFor();
    await page.getByLabel('New owner (rep id)').fill('rep-c');
    await page.getByLabel('Reason').fill('rep-a is on leave until December');
    await page.getByRole('button', { name: 'Transfer to another rep' }).click();
    await page.getByRole('status').filter({ hasText: 'Transferred: rep-c now owns the customer.' }).waitFor();
    await page.getByTestId('owner-now').filter({ hasText: 'rep-c' }).waitFor();
    await page
      .getByRole('table', { name: 'Ownership history' })
      .getByText('rep-a is on leave until December')
      .waitFor();
    await page.getByTestId('timeline').getByText('rep-a is on leave until December').waitFor();
    expect(await ui.accessibilityViolations(page)).toEqual([]);
  });

  it('shows the shared pool’s rule that refuses a claim, and lets another rep claim the customer', async () => {
    const former = await ui.openConsole();
    await ui.signIn(former, ui.scene.keys.rep['rep-c']);
    await ui.goTo(former, 'Shared pool');
    await former.getByTestId('claim-rules').getByText('7').waitFor();
    await former.getByRole('button', { name: 'Claim 李娜' }).click();
    const refusal = former.getByTestId('claim-refusal');
    await refusal.getByText('ReclaimTooSoon').waitFor();
    await refusal.getByText('Refused by the rule reclaimCoolDownDays (limit 7)').waitFor();
    expect(await ui.accessibilityViolations(former)).toEqual([]);

    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.rep['rep-a']);
    await ui.goTo(page, 'Shared pool');
    await page.getByRole('button', { name: 'Claim 李娜' }).click();
    await page.getByRole('status').filter({ hasText: 'Claimed: rep-a now owns the customer' }).waitFor();
    await page.getByRole('table', { name: 'Released customers (0)' }).waitFor();
    await ui.screenshot(page, 'shared-pool-claim');
  });

  it('lets a rep open a dispute and comment, and a manager read both sides and uphold it', async () => {
    const customerId = ui.scene.transferredCustomer.id;
    const rep = await ui.openConsole();
    await ui.signIn(rep, ui.scene.keys.rep['rep-a']);
    await ui.goTo(rep, 'Disputes');
    await rep.getByLabel('About').selectOption('customer-ownership');
    await rep.getByLabel('Customer, lead or line id').fill(customerId);
    await rep.getByLabel('Your claim').fill('I found this customer; the transfer was a mistake');
    await rep.getByRole('button', { name: 'Open dispute' }).click();
    const detail = rep.getByTestId('dispute-detail');
    await detail.getByTestId('dispute-status').filter({ hasText: 'open' }).waitFor();
    await detail.getByLabel('Comment').fill('see the walk-in on 2 October');
    await detail.getByRole('button', { name: 'Add comment' }).click();
    await detail.getByRole('status').filter({ hasText: 'Comment added.' }).waitFor();
    await detail.getByTestId('dispute-comments').getByText('see the walk-in on 2 October').waitFor();
    await detail.getByTestId('timeline-rep-b').getByText('Not visible to this key.').waitFor();
    expect(await ui.accessibilityViolations(rep)).toEqual([]);

    const manager = await ui.openConsole();
    await ui.signIn(manager, ui.scene.keys.manager);
    await ui.goTo(manager, 'Disputes');
    await manager
      .getByRole('table', { name: 'Disputes (1)' })
      .getByRole('button', { name: /^Read / })
      .click();
    const read = manager.getByTestId('dispute-detail');
    await read.getByTestId('timeline-rep-a').getByText('rep-a became the owner', { exact: false }).waitFor();
    await read.getByTestId('timeline-rep-b').getByText('rep-a moves to key accounts', { exact: false }).waitFor();
    await read.getByLabel('Outcome').selectOption('upheld');
    await read.getByLabel('Reason').fill('rep-a found the customer first');
    await read.getByLabel('Transfer the customer to (optional)').fill('rep-a');
    await ui.screenshot(manager, 'dispute-both-sides');
    await read.getByRole('button', { name: 'Resolve' }).click();
    await read.getByTestId('dispute-resolution').filter({ hasText: 'Resolved: upheld' }).waitFor();
    // The resolution moved the customer back: both sides' timelines show it without reopening the dispute.
    const entries = (rep: string) => read.getByTestId(`timeline-${rep}`).getByRole('listitem');
    await entries('rep-a').filter({ hasText: 'rep-a found the customer first' }).waitFor();
    await entries('rep-b').filter({ hasText: 'rep-a found the customer first' }).waitFor();
    expect(await ui.accessibilityViolations(manager)).toEqual([]);

    await ui.goTo(manager, 'Customers');
    await manager.getByLabel('Value').fill(ui.scene.transferredCustomer.phone);
    await manager.getByRole('button', { name: 'Look up' }).click();
    await manager.getByTestId('owner-now').filter({ hasText: 'rep-a' }).waitFor();
  });

  it('says the engine’s codes and every column header in Chinese', async () => {
    const page = await ui.openConsole({ locale: 'zh-CN' });
    await page.getByLabel('API 密钥').fill(ui.scene.keys.manager.replace('Bearer ', ''));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('查询值').fill(ui.scene.releasedCustomer.phone);
    await page.getByRole('button', { name: '查询', exact: true }).click();
    const history = page.getByRole('table', { name: '负责人历史' });
    await history.getByRole('cell', { name: '到店接待' }).waitFor();
    expect(await history.textContent()).not.toContain('received-walk-in');

    await page.getByRole('navigation').getByRole('link', { name: '争议' }).click();
    const disputes = page.getByTestId('disputes');
    await disputes.getByRole('columnheader', { name: '编号' }).waitFor();
    expect(await disputes.getByRole('columnheader').allTextContents()).not.toContain('Id');
  });

  it('met no script error and no refusal by the content security policy on the way', () => {
    expect(ui.browserErrors()).toEqual([]);
  });
});
