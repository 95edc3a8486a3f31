/**
 * The widget on its own: bundle budget, reload resume without duplicates, network loss, text-only
 * rendering, keyboard use and screen-reader announcements, and the offline (after hours) path.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer, createTenant, TestTenant } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { assertClientBuilt, CLIENT_DIR, launchBrowser, newContext, PHONE, say, seedKnowledge, shoot, thirdPartySite, ThirdPartySite, watchErrors, widget } from './helpers';

const BUDGET_GZIP_BYTES = 40 * 1024;

/** The accessible label of what has focus inside the widget's shadow root. */
function focusedInWidget(page: Page): Promise<string | null> {
  return page.evaluate(`(() => {
    const host = document.activeElement;
    const el = host && host.shadowRoot ? host.shadowRoot.activeElement : null;
    return el ? el.getAttribute('aria-label') : null;
  })()`) as Promise<string | null>;
}

describe('widget', () => {
  let t: TestApp;
  let tenant: TestTenant;
  let site: ThirdPartySite;
  let browser: Browser;
  const errors: string[][] = [];

  beforeAll(async () => {
    assertClientBuilt();
    t = await createTestApp();
    tenant = await createTenant(t, { agentCount: 1 });
    await seedKnowledge(t, tenant.admin.token);
    site = await thirdPartySite(t.url, tenant.company.widgetKey);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await t?.close();
  });

  async function openWidget(context: BrowserContext, url = site.url): Promise<Page> {
    const page = await context.newPage();
    errors.push(watchErrors(page));
    await page.goto(url);
    await widget(page).launcher.click();
    await widget(page).messages('bot').first().waitFor();
    return page;
  }

  async function conversationOf(text: string) {
    const list = await t.http().get('/api/conversations').set('Authorization', bearer(tenant.admin)).query({ limit: 50 });
    for (const c of list.body.items) {
      const detail = await t.http().get(`/api/conversations/${c.id}`).set('Authorization', bearer(tenant.admin));
      if (detail.body.messages.some((m: { text: string }) => m.text === text)) return detail.body;
    }
    throw new Error(`no conversation has the message ${JSON.stringify(text)}`);
  }

  it('fits the bundle budget: one script, at most 40 KB gzipped', () => {
    const raw = fs.readFileSync(path.join(CLIENT_DIR, 'widget.js'));
    const gzipped = zlib.gzipSync(raw, { level: 9 }).length;
    console.log(`widget.js: ${(raw.length / 1024).toFixed(1)} KB raw, ${(gzipped / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_GZIP_BYTES / 1024} KB)`);
    expect(gzipped).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
    expect(raw.toString('utf8')).not.toMatch(/\binnerHTML\s*=/);
  });

  it('resumes the conversation after a reload, with its history and no duplicates', async () => {
    const context = await newContext(browser);
    const page = await openWidget(context);
    const w = widget(page);
    await say(page, 'How do I reset my password?');
    await w.messages('bot').filter({ hasText: 'Forgot password' }).waitFor();
    const before = await w.messages().allTextContents();
    expect(before.length).toBe(3);

    await page.reload();
    // The panel was open: it comes back open, with the same messages, once each.
    await w.messages('bot').filter({ hasText: 'Forgot password' }).waitFor();
    await page.waitForTimeout(500); // a late duplicate would show up here
    expect(await w.messages().allTextContents()).toEqual(before);
    await say(page, 'Which payment methods do you accept?');
    await w.messages('bot').filter({ hasText: 'PayPal' }).waitFor();
    const after = await w.messages().allTextContents();
    expect(after.length).toBe(5);
    expect(new Set(after).size).toBe(after.length);
    await shoot(page, 'widget-09-after-reload-1280');
    const server = await conversationOf('Which payment methods do you accept?');
    expect(server.messages.map((m: { text: string }) => m.text)).toEqual(after);
    await context.close();
  });

  it('keeps what the visitor types while offline and sends it once when back', async () => {
    const context = await newContext(browser);
    const page = await openWidget(context);
    const w = widget(page);
    await context.setOffline(true);
    await w.root.locator('.banner').filter({ hasText: 'You are offline' }).waitFor();
    const text = `Sent while offline ${Date.now()}`;
    await say(page, text);
    await w.root.locator('.msg--pending').filter({ hasText: 'Waiting for connection' }).waitFor();
    await shoot(page, 'widget-14-offline-pending-1280');
    await context.setOffline(false);
    await w.root.locator('.msg--customer:not(.msg--pending) .bubble').filter({ hasText: text }).waitFor({ timeout: 20_000 });
    const server = await conversationOf(text);
    expect(server.messages.filter((m: { text: string }) => m.text === text)).toHaveLength(1);
    await context.close();
  });

  it('sends an attachment, which the visitor can download again', async () => {
    const context = await newContext(browser);
    const page = await openWidget(context);
    const w = widget(page);
    await w.root.locator('input[type="file"]').setInputFiles({ name: 'receipt.txt', mimeType: 'text/plain', buffer: Buffer.from('Order 1042: 2 × Ridgeline Shell\n') });
    await w.root.locator('.pending-file').filter({ hasText: 'receipt.txt' }).waitFor();
    await w.input.fill('Here is my receipt');
    await w.input.press('Enter');
    const file = w.root.locator('.msg--customer:not(.msg--pending) button.file').filter({ hasText: 'receipt.txt' });
    await file.waitFor();
    await shoot(page, 'widget-15-attachment-1280');
    const server = await conversationOf('Here is my receipt');
    const sent = server.messages.find((m: { text: string }) => m.text === 'Here is my receipt');
    expect(sent.attachments).toEqual([expect.objectContaining({ name: 'receipt.txt', type: 'text/plain' })]);
    const download = page.waitForEvent('download');
    await file.click();
    expect((await download).suggestedFilename()).toBe('receipt.txt');
    await context.close();
  });

  it('shows a typed <script> as text and never runs it', async () => {
    const context = await newContext(browser);
    const page = await openWidget(context);
    const w = widget(page);
    const attack = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> <b>bold?</b>';
    await say(page, attack);
    const bubble = w.messages('customer').filter({ hasText: '<script>' });
    await bubble.waitFor();
    expect(await bubble.textContent()).toBe(attack);
    expect(await w.log.locator('script, img, b').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await shoot(page, 'widget-10-script-as-text-1280');

    // The agent sees it as text too.
    const conversation = await conversationOf(attack);
    expect(conversation.messages.some((m: { text: string }) => m.text === attack)).toBe(true);
    await context.close();
  });

  it('works by keyboard and announces new messages to screen readers', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    errors.push(watchErrors(page));
    await page.goto(site.url);
    const w = widget(page);
    await w.launcher.waitFor();
    await page.keyboard.press('Tab');
    expect(await focusedInWidget(page)).toBe('Open chat');
    expect(await w.launcher.getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('Enter');
    expect(await w.launcher.getAttribute('aria-expanded')).toBe('true');
    await w.messages('bot').first().waitFor();
    await w.input.waitFor();
    expect(await focusedInWidget(page)).toBe('Message');
    await page.keyboard.type('What is your return policy?');
    await page.keyboard.press('Enter');
    await w.messages('bot').filter({ hasText: '30 days' }).waitFor();
    await w.root.locator('[data-testid="announcer"]').filter({ hasText: '30 days of delivery' }).waitFor();
    expect(await w.root.locator('[data-testid="announcer"]').getAttribute('aria-live')).toBe('polite');
    await page.keyboard.press('Escape');
    expect(await w.panel.isHidden()).toBe(true);
    expect(await focusedInWidget(page)).toBe('Open chat');
    await page.setViewportSize(PHONE);
    await page.keyboard.press('Enter');
    await w.messages('bot').filter({ hasText: '30 days' }).waitFor();
    await shoot(page, 'widget-11-phone-375');
    await context.close();
  });

  it('outside business hours with nobody online: the offline message and an email field', async () => {
    // Open one minute a week, on a day that is not today: closed now.
    const notToday = (new Date().getUTCDay() + 3) % 7;
    const closed = await createTenant(t, { agentCount: 1, settings: { timeZone: 'UTC', businessHours: { days: [{ day: notToday, open: '09:00', close: '09:01' }] }, offlineMessage: 'We are offline right now. Leave your email and we will write back within a day.' } });
    await seedKnowledge(t, closed.admin.token);
    const closedSite = await thirdPartySite(t.url, closed.company.widgetKey);
    const context = await newContext(browser);
    try {
      const page = await openWidget(context, closedSite.url);
      const w = widget(page);
      await w.handoff.click();
      const card = w.root.locator('[data-testid="offline-card"]');
      await card.waitFor();
      expect(await card.textContent()).toContain('Leave your email');
      await w.messages('system').filter({ hasText: 'We are offline right now' }).waitFor();
      expect(await w.status.textContent()).toContain('offline');
      await shoot(page, 'widget-12-offline-1280');
      await card.getByLabel('Your email').fill('not-an-email');
      await card.getByRole('button', { name: 'Notify me' }).click();
      await card.getByText('Enter a valid email address.').waitFor();
      await card.getByLabel('Your email').fill('ada@example.com');
      await card.getByRole('button', { name: 'Notify me' }).click();
      await w.root.locator('[data-testid="offline-card"]').filter({ hasText: 'We will reply to ada@example.com' }).waitFor();
      const list = await t.http().get('/api/conversations').set('Authorization', bearer(closed.admin));
      expect(list.body.items[0].visitor.email).toBe('ada@example.com');
      await shoot(page, 'widget-13-offline-email-saved-1280');
    } finally {
      await context.close();
      await closedSite.close();
    }
  });

  it('ran without page errors', () => {
    expect(errors.flat()).toEqual([]);
  });
});
