/**
 * The whole loop in a real browser: a customer on a third-party page (another origin, the embed
 * snippet) gets a bot answer, is queued with an unsure question; an agent in a second browser
 * context goes online, gets the conversation with the AI draft, replies and resolves; the customer
 * rates; the admin dashboard shows the conversation and the rating in its tables and charts.
 */
import { Browser, BrowserContext, Page } from 'playwright-core';
import { createTenant, TestTenant } from '../factories/tenant.factory';
import { createTestApp, TEST_PASSWORD, TestApp } from '../utils/create-test-app';
import {
  assertClientBuilt, DESKTOP, launchBrowser, newContext, PHONE, say, seedKnowledge, shoot, signIn, thirdPartySite, ThirdPartySite, watchErrors, widget,
} from './helpers';

const CUSTOMER = 'Grace Hopper';
const UNSURE_QUESTION = 'How long does express delivery to Norway take?';
const AGENT_REPLY = 'Hi Grace! Express delivery to Norway takes 2 business days.';

describe('support flow (widget → console → dashboard)', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let site: ThirdPartySite;
  let browser: Browser;
  let customerCtx: BrowserContext;
  let agentCtx: BrowserContext;
  let adminCtx: BrowserContext;
  let customer: Page;
  let agent: Page;
  const errors: string[][] = [];

  beforeAll(async () => {
    assertClientBuilt();
    t = await createTestApp();
    tenant = await createTenant(t, { name: 'Globex Outdoor', agentCount: 1 });
    await seedKnowledge(t, tenant.admin.token);
    site = await thirdPartySite(t.url, tenant.company.widgetKey, { prechat: 'true' });
    browser = await launchBrowser();
    customerCtx = await newContext(browser);
    customer = await customerCtx.newPage();
    errors.push(watchErrors(customer));
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await t?.close();
  });

  it('the snippet loads the widget on a page of another origin', async () => {
    expect(new URL(site.url).origin).not.toBe(new URL(t.url).origin);
    await customer.goto(site.url);
    const w = widget(customer);
    await w.launcher.waitFor();
    await shoot(customer, 'widget-01-launcher-1280');
    await w.launcher.click();
    await w.root.locator('[data-testid="prechat"]').waitFor();
    await shoot(customer, 'widget-02-prechat-1280');
    await w.root.getByLabel('Name').fill(CUSTOMER);
    await w.root.getByLabel('Email').fill('grace@example.com');
    await w.root.getByRole('button', { name: 'Start chat' }).click();
    await w.messages('bot').first().waitFor();
    expect(await w.messages('bot').first().textContent()).toContain('Ask me anything');
  });

  it('a known question gets the bot answer with its sources', async () => {
    const w = widget(customer);
    await say(customer, 'How long does shipping take?');
    await w.messages('bot').filter({ hasText: '3-5 business days' }).waitFor();
    const sources = w.root.locator('[data-testid="sources"]').last();
    expect(await sources.textContent()).toContain('How long does shipping take?');
    await customer.waitForTimeout(300);
    await shoot(customer, 'widget-03-bot-answer-1280');
  });

  it('an unsure question is queued with a position and a wait estimate', async () => {
    const w = widget(customer);
    await say(customer, UNSURE_QUESTION);
    const queue = w.root.locator('[data-testid="queue-card"]');
    await queue.waitFor();
    expect(await queue.textContent()).toMatch(/You are #1 in line/);
    expect(await queue.textContent()).toMatch(/Estimated wait: about \d+ minutes?/);
    expect(await w.status.textContent()).toContain('#1 in line');
    await shoot(customer, 'widget-04-queued-1280');
  });

  it('an agent logs in, goes online and receives the conversation with the draft and the sources', async () => {
    agentCtx = await newContext(browser);
    agent = await agentCtx.newPage();
    errors.push(watchErrors(agent));
    await agent.goto(`${t.url}/console/`);
    await signIn(agent, tenant.agents[0].email, TEST_PASSWORD);
    await agent.getByTestId('presence-label').filter({ hasText: 'Offline' }).waitFor();
    await agent.getByTestId('queue-count').filter({ hasText: '1' }).waitFor();
    await shoot(agent, 'console-01-offline-1280');
    await agent.locator('label.sb-switch').click();
    await agent.getByTestId('presence-label').filter({ hasText: 'Online' }).waitFor();

    const draft = agent.getByTestId('draft');
    await draft.waitFor();
    expect(await draft.textContent()).toContain('Standard shipping takes 3-5 business days');
    const escalation = agent.getByTestId('escalation');
    expect(await escalation.textContent()).toContain('Low confidence');
    expect(await escalation.textContent()).toContain('How long does shipping take?');
    expect(await agent.getByTestId('conversation-title').textContent()).toBe(CUSTOMER);
    expect(await agent.getByTestId('thread').textContent()).toContain(UNSURE_QUESTION);
    // A new assignment shows in the tab title until the agent touches it.
    await agent.waitForFunction('document.title.startsWith("(1)")');
    await agent.getByTestId('session-timer').filter({ hasText: /^00:0\d:\d\d$/ }).waitFor();
    await shoot(agent, 'console-02-assigned-with-draft-1280');
  });

  it('the agent edits the draft and replies; the customer sees the reply, the agent name and typing', async () => {
    const w = widget(customer);
    await agent.getByTestId('edit-draft').click();
    const reply = agent.getByTestId('reply');
    expect(await reply.inputValue()).toContain('Standard shipping');
    await agent.waitForFunction('!document.title.startsWith("(")');
    await reply.fill(AGENT_REPLY.slice(0, 20));
    await w.root.locator('[data-testid="typing"]').filter({ hasText: 'is typing' }).waitFor();
    await shoot(customer, 'widget-05-agent-typing-1280');
    await reply.fill(AGENT_REPLY);
    await reply.press('Enter');
    await w.messages('agent').filter({ hasText: AGENT_REPLY }).waitFor();
    await w.status.filter({ hasText: 'Support team' }).waitFor();
    expect(await w.root.locator('.head__title').textContent()).toBe(tenant.agents[0].name);
    await agent.getByTestId('thread').filter({ hasText: AGENT_REPLY }).waitFor();
    await shoot(customer, 'widget-06-agent-reply-1280');
    await shoot(agent, 'console-03-replied-1280');
    await agent.setViewportSize(PHONE);
    await shoot(agent, 'console-04-conversation-375');
    await agent.setViewportSize(DESKTOP);
  });

  it('the agent resolves; the customer rates the conversation', async () => {
    const w = widget(customer);
    await agent.getByTestId('resolve').click();
    await agent.getByText('Pick a conversation').waitFor();
    await shoot(agent, 'console-05-after-resolve-1280');

    const rating = w.root.locator('[data-testid="rating"]');
    await rating.waitFor();
    await shoot(customer, 'widget-07-rating-prompt-1280');
    await rating.locator('label[title="Excellent"]').click();
    await rating.getByLabel('Comment').fill('Fast and friendly, thank you!');
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await w.root.locator('[data-testid="rating-thanks"]').waitFor();
    await customer.setViewportSize(PHONE);
    await shoot(customer, 'widget-08-rated-375');
    await customer.setViewportSize(DESKTOP);
  });

  it('the admin dashboard shows the conversation and the rating in its tables and charts', async () => {
    adminCtx = await newContext(browser);
    const admin = await adminCtx.newPage();
    errors.push(watchErrors(admin));
    await admin.goto(`${t.url}/admin/`);
    await signIn(admin, tenant.admin.email, TEST_PASSWORD);

    await admin.getByTestId('recent-conversations').getByText(CUSTOMER).waitFor();
    await admin.getByTestId('recent-ratings').locator('[aria-label="5 out of 5"]').waitFor();
    await admin.getByTestId('kpi-csat').filter({ hasText: '5.0 / 5' }).waitFor();
    await admin.getByTestId('kpi-conversations').filter({ hasText: '1' }).waitFor();
    for (const chart of ['chart-volume', 'chart-bot-vs-escalated', 'chart-reasons', 'chart-csat', 'chart-times']) {
      await admin.getByTestId(chart).locator('canvas').waitFor();
    }
    await admin.waitForTimeout(600); // let the charts finish drawing for the screenshot
    await shoot(admin, 'admin-01-overview-1280', { fullPage: true });

    await admin.goto(`${t.url}/admin/#/conversations`);
    const row = admin.getByTestId('conversations-table').getByRole('row', { name: new RegExp(CUSTOMER) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Resolved');
    await row.click();
    const detail = admin.getByTestId('conversation-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(AGENT_REPLY);
    expect(await detail.textContent()).toContain('Fast and friendly');
    await shoot(admin, 'admin-02-conversation-detail-1280');
    await admin.keyboard.press('Escape');

    await admin.goto(`${t.url}/admin/#/ratings`);
    await admin.getByTestId('ratings-table').getByText('Fast and friendly, thank you!').waitFor();
    expect(await admin.getByTestId('ratings-table').textContent()).toContain(tenant.agents[0].name);
    await shoot(admin, 'admin-03-ratings-1280');

    await admin.setViewportSize(PHONE);
    await admin.goto(`${t.url}/admin/#/overview`);
    await admin.getByTestId('chart-csat').locator('canvas').waitFor();
    await admin.waitForTimeout(600);
    await shoot(admin, 'admin-04-overview-375', { fullPage: true });
  });

  it('ran without page errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});
