import { describeInBrowser } from './support/chromium';
import { type ConsoleHarness, startConsole } from './support/console-harness';
import { SCENE_DAY } from './support/console-scene';

const NEXT_DAY = '2026-11-04';

/** Issue 16: a pool's fairness over a window, pausing a member, and a rep's inbox, in the browser. */
describeInBrowser('the console: pools and leads', () => {
  let ui: ConsoleHarness;
  beforeAll(async () => (ui = await startConsole()));
  afterAll(async () => ui?.close());

  it('shows the pool’s fairness chart, and the chart changes once more leads arrive', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.manager);
    await ui.goTo(page, 'Pools');
    // Every pool is offered as the id is typed.
    await page.locator('#known-pools option[value="east"]').waitFor({ state: 'attached' });
    await page.getByLabel('Pool id').fill('east');
    await page.getByRole('button', { name: 'Load pool' }).click();
    await page.getByRole('table', { name: 'Members' }).waitFor();
    await page.getByLabel('From').fill(SCENE_DAY);
    await page.getByLabel('To').fill(NEXT_DAY);
    await page.getByRole('button', { name: 'Show' }).click();
    const chart = page.getByTestId('fairness-chart');
    await page.getByTestId('fairness-summary').filter({ hasText: '3 leads routed' }).waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(
      'rep-a: Due by weight 2, Given 2; rep-b: Due by weight 1, Given 1',
    );
    const before = await chart.screenshot();
    expect(await ui.accessibilityViolations(page)).toEqual([]);

    for (const n of [4, 5, 6]) {
      await ui.engine
        .http()
        .post('/leads')
        .set('Authorization', ui.scene.keys.service)
        .send({ channel: 'web-form', poolId: 'east', contact: { phone: `1390000010${n}` } })
        .expect(201);
    }
    await ui.engine.settle();
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByTestId('fairness-summary').filter({ hasText: '6 leads routed' }).waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(
      'rep-a: Due by weight 4, Given 4; rep-b: Due by weight 2, Given 2',
    );
    expect((await chart.screenshot()).equals(before)).toBe(false);
    await ui.screenshot(page, 'pool-fairness');
  });

  it('pauses a member with a reason and resumes them', async () => {
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.manager);
    await ui.goTo(page, 'Pools');
    await page.getByLabel('Pool id').fill('east');
    await page.getByRole('button', { name: 'Load pool' }).click();
    await page.getByRole('button', { name: 'Pause rep-b' }).click();
    await page.getByLabel('Why pause rep-b').fill('annual leave');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    const members = page.getByTestId('pool-members');
    await members.getByText('annual leave').waitFor();
    await page.getByRole('button', { name: 'Resume rep-b' }).click();
    await page.getByRole('button', { name: 'Pause rep-b' }).waitFor();
    expect(await members.getByText('annual leave').count()).toBe(0);
  });

  it('names each field a refused request got wrong, and clears that refusal once another lead’s form is opened', async () => {
    const [first, second] = ui.scene.inbox['rep-a'];
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.rep['rep-a']);
    await ui.goTo(page, 'Leads');
    await page.getByRole('button', { name: `Decline ${second.slice(0, 8)}` }).click();
    await page.getByLabel(`Why decline lead ${second.slice(0, 8)}`).fill('   ');
    await page.getByRole('button', { name: 'Decline the lead' }).click();
    const alert = page.getByRole('alert');
    await alert.getByRole('listitem').filter({ hasText: 'reason: reason must not be blank' }).waitFor();
    expect(await alert.textContent()).toContain('The request is not valid; nothing was written');

    await page.getByRole('button', { name: `Why this rep ${first.slice(0, 8)}` }).click();
    await page.getByTestId('decision-trace').waitFor();
    expect(await alert.count()).toBe(0);
  });

  it('lets a rep accept one lead and decline another with a reason, and read why a lead came to them', async () => {
    const [first, second] = ui.scene.inbox['rep-a'];
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.rep['rep-a']);
    await ui.goTo(page, 'Leads');
    const inbox = page.getByTestId('inbox');
    const row = (leadId: string) => inbox.getByRole('row').filter({ hasText: leadId.slice(0, 8) });

    await page.getByRole('button', { name: `Why this rep ${first.slice(0, 8)}` }).click();
    await page.getByTestId('decision-trace').getByText('chosen because its rotation score', { exact: false }).waitFor();
    expect(await ui.accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Accept ${first.slice(0, 8)}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Lead ${first.slice(0, 8)} accepted.` })
      .waitFor();
    await row(first).getByText('accepted').waitFor();

    await page.getByRole('button', { name: `Decline ${second.slice(0, 8)}` }).click();
    await page.getByLabel(`Why decline lead ${second.slice(0, 8)}`).fill('customer is in Beijing');
    await ui.screenshot(page, 'lead-inbox');
    await page.getByRole('button', { name: 'Decline the lead' }).click();
    await page.getByRole('status').filter({ hasText: 'declined; the engine routes it again' }).waitFor();
    expect(await row(second).count()).toBe(0);

    await page.getByRole('button', { name: `Follow-up ${first.slice(0, 8)}` }).click();
    await page.getByLabel('Kind of follow-up').selectOption('call');
    await page.getByLabel('Follow-up note').fill('called, sending a quote');
    await page.getByRole('button', { name: 'Log follow-up' }).click();
    await page.getByRole('status').filter({ hasText: 'Done.' }).waitFor();

    await ui.engine.settle(); // the re-route after a decline is the lead-routing reactor's
    const declined = await ui.engine.http().get(`/leads/${second}`).set('Authorization', ui.scene.keys.manager);
    expect(declined.body).toMatchObject({ repId: 'rep-b', passedOver: ['rep-a'] });
  });

  it('shows a manager the review queue, and routes a flagged lead to a rep with the customer it is', async () => {
    const flagged = ui.scene.flaggedLeadId.slice(0, 8);
    const page = await ui.openConsole();
    await ui.signIn(page, ui.scene.keys.manager);
    await ui.goTo(page, 'Leads');
    const queue = page.getByTestId('review-queue');
    await queue.getByText('identity keys belong to different customers').waitFor();
    await page.getByRole('button', { name: `Route ${flagged}` }).click();
    // Each customer the lead's keys named, with what identifies it and its owner; none chosen for the manager.
    const customer = page.getByLabel('The customer this lead is');
    const released = customer.locator(`option[value="${ui.scene.releasedCustomer.id}"]`);
    await released
      .filter({ hasText: '李娜 · +8613900000033, owner: nobody (shared pool)' })
      .waitFor({ state: 'attached' });
    expect(await customer.locator('option').allTextContents()).toContainEqual(
      expect.stringContaining('buyer@example.cn, owner: rep-c'),
    );
    expect(await customer.inputValue()).toBe('');
    await page.getByLabel(`Route lead ${flagged} to rep`).fill('rep-c');
    await page.getByLabel('Reason').fill('the e-mail was typed on the wrong record');
    await page.getByRole('button', { name: 'Route', exact: true }).click();
    expect(
      await customer.evaluate(
        (select) => (select as unknown as { validity: { valueMissing: boolean } }).validity.valueMissing,
      ),
    ).toBe(true);
    expect(await queue.getByText(flagged).count()).toBe(1);
    await customer.selectOption(ui.scene.releasedCustomer.id);
    expect(await ui.accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Route', exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Lead ${flagged} routed to rep-c.` })
      .waitFor();
    expect(await queue.getByText(flagged).count()).toBe(0);

    await page.getByLabel('Inbox of rep').fill('rep-b');
    await page.getByRole('button', { name: 'Load', exact: true }).click();
    await page.getByRole('heading', { name: 'Inbox: rep-b' }).waitFor();
    expect(await ui.accessibilityViolations(page)).toEqual([]);
  });

  it('met no script error and no refusal by the content security policy on the way', () => {
    expect(ui.browserErrors()).toEqual([]);
  });
});
