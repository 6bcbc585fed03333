import type { Page } from 'playwright-core';
import { describeInBrowser } from './support/chromium';
import { type ConsoleHarness, startConsole } from './support/console-harness';

const navigationOf = async (page: Page) => page.getByRole('navigation').getByRole('link').allTextContents();

/** Issue 16: signing in, what each role's navigation shows, the two languages, and a rep kept to their own. */
describeInBrowser('the console: sign-in, roles and languages', () => {
  let ui: ConsoleHarness;
  beforeAll(async () => (ui = await startConsole()));
  afterAll(async () => ui?.close());

  it('refuses an unknown key, and keeps an accepted one in session storage, never in the address', async () => {
    const page = await ui.openConsole();
    await page.getByLabel('API key').fill('llk_not-a-key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'The engine refused this key' }).waitFor();
    await ui.screenshot(page, 'sign-in');

    const secret = ui.scene.keys.manager.replace('Bearer ', '');
    await ui.signIn(page, ui.scene.keys.manager);
    expect(page.url()).not.toContain(secret);
    expect(await page.evaluate('JSON.stringify(sessionStorage)')).toContain(secret);
    expect(await page.evaluate('JSON.stringify(localStorage)')).not.toContain(secret);
    await page.reload();
    await page.getByTestId('signed-in-as').filter({ hasText: 'manager' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate('JSON.stringify(sessionStorage)')).not.toContain(secret);
  });

  it.each([
    ['admin', ['Customers', 'Leads', 'Pools', 'Shared pool', 'Disputes', 'Finance']],
    ['manager', ['Customers', 'Leads', 'Pools', 'Shared pool', 'Disputes', 'Finance']],
    ['finance', ['Customers', 'Pools', 'Shared pool', 'Disputes', 'Finance']],
    ['service', ['Customers', 'Pools', 'Shared pool']],
  ] as const)('signs in as %s and shows only the views that role may use', async (role, views) => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys[role]);
    await page
      .getByTestId('signed-in-as')
      .filter({ hasText: `Signed in as ${role}` })
      .waitFor();
    expect(await navigationOf(page)).toEqual(views);
    expect(await ui.accessibilityViolations(page)).toEqual([]);
  });

  it('signs a rep in as that rep, with their views only', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.rep['rep-b']);
    await page.getByTestId('signed-in-as').filter({ hasText: 'Signed in as rep rep-b' }).waitFor();
    expect(await navigationOf(page)).toEqual(['Customers', 'Leads', 'Pools', 'Shared pool', 'Disputes', 'Finance']);
  });

  it('shows a rep only their own: their inbox, their statement, and no colleague’s customer', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.rep['rep-c']);
    await ui.goTo(page, 'Customers');
    await page.getByLabel('Value').fill(ui.scene.transferredCustomer.phone);
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('colleague-customer').waitFor();
    expect(await page.getByTestId('customer-facts').count()).toBe(0);
    expect(await page.getByText('rep-b').count()).toBe(0);

    await ui.goTo(page, 'Leads');
    await page.getByRole('heading', { name: 'Inbox: rep-c' }).waitFor();
    expect(await page.getByLabel('Inbox of rep').count()).toBe(0);
    const inbox = await page.getByTestId('inbox').textContent();
    for (const leadId of [...ui.scene.inbox['rep-a'], ...ui.scene.inbox['rep-b']]) {
      expect(inbox).not.toContain(leadId.slice(0, 8));
    }
    expect(await page.getByRole('heading', { name: 'Review queue' }).count()).toBe(0);

    await ui.goTo(page, 'Finance');
    const payee = page.getByLabel('Rep');
    expect(await payee.inputValue()).toBe('rep-c');
    expect(await payee.getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('heading', { name: 'Payout' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Reconciliation' }).count()).toBe(0);
    await ui.screenshot(page, 'rep-own-view');
  });

  it('opens in the browser’s language (Chinese here) and switches to English and back', async () => {
    const page = await ui.openConsole({ locale: 'zh-CN' });
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('zh-CN');
    await page.getByLabel('API 密钥').fill(ui.scene.keys.finance.replace('Bearer ', ''));
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('signed-in-as').filter({ hasText: '已登录：财务' }).waitFor();
    expect(await navigationOf(page)).toEqual(['客户', '分配池', '公海', '争议', '财务']);
    await ui.screenshot(page, 'zh-CN');

    await page.getByLabel('语言').selectOption('en');
    await page.getByTestId('signed-in-as').filter({ hasText: 'Signed in as finance' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByLabel('Language').selectOption('zh-CN');
    await page.getByRole('heading', { level: 1, name: '客户' }).waitFor();
  });

  it('is used with the keyboard alone: tab to a view’s link, press Enter, and the focus lands on its heading', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.manager);
    const focused = () => page.evaluate('document.activeElement?.textContent');
    for (let step = 0; step < 12 && (await focused()) !== 'Pools'; step++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Pools' }).waitFor();
    expect(await focused()).toBe('Pools');
  });

  it('met no script error and no refusal by the content security policy on the way', () => {
    expect(ui.browserErrors()).toEqual([]);
  });
});
