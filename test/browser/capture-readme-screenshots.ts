/**
 * Refreshes the README's screenshots (docs/screenshots/*.png): the widget, the agent console and
 * the admin dashboard on a small demo. Run after `npm run build:client`:
 *   npx ts-node --transpile-only test/browser/capture-readme-screenshots.ts
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createTenant } from '../factories/tenant.factory';
import { createTestApp, TEST_PASSWORD } from '../utils/create-test-app';
import { cid, SocketPool } from '../utils/socket-client';
import { assertClientBuilt, launchBrowser, newContext, say, seedKnowledge, signIn, thirdPartySite, widget } from './helpers';

const OUT = path.resolve(__dirname, '../../docs/screenshots');

async function main(): Promise<void> {
  assertClientBuilt();
  fs.mkdirSync(OUT, { recursive: true });
  const t = await createTestApp();
  const tenant = await createTenant(t, { name: 'Acme Support', agentCount: 1 });
  await seedKnowledge(t, tenant.admin.token);
  const site = await thirdPartySite(t.url, tenant.company.widgetKey);
  const browser = await launchBrowser();
  const pool = new SocketPool(t);
  try {
    // Some history for the charts: a few answered by the bot, one rated conversation with an agent.
    for (const q of ['How do I reset my password?', 'What is your return policy?', 'Which payment methods do you accept?']) {
      const c = await pool.customer({ widgetKey: tenant.company.widgetKey });
      const open = await c.emitOk('conversation:open', {});
      await c.emitOk('message:send', { conversationId: open.conversationId, clientMessageId: cid(), text: q });
    }
    const customer = await (await newContext(browser, { width: 1100, height: 760 })).newPage();
    await customer.goto(site.url);
    const w = widget(customer);
    await w.launcher.click();
    await w.messages('bot').first().waitFor();
    await say(customer, 'How long does shipping take?');
    await w.messages('bot').filter({ hasText: '3-5 business days' }).waitFor();
    await say(customer, 'How long does express delivery to Norway take?');
    await w.root.locator('[data-testid="queue-card"]').waitFor();

    const agent = await (await newContext(browser, { width: 1280, height: 760 })).newPage();
    await agent.goto(`${t.url}/console/`);
    await signIn(agent, tenant.agents[0].email, TEST_PASSWORD);
    await agent.locator('label.sb-switch').click();
    await agent.getByTestId('draft').waitFor();
    await agent.waitForTimeout(2200);
    await agent.screenshot({ path: path.join(OUT, 'console.png') });

    await agent.getByTestId('edit-draft').click();
    await agent.getByTestId('reply').fill('Hi! Express delivery to Norway takes 2 business days; you will get a tracking link by email.');
    await agent.getByTestId('reply').press('Enter');
    await w.messages('agent').first().waitFor();
    await customer.waitForTimeout(400);
    const box = await w.panel.boundingBox();
    if (box) await customer.screenshot({ path: path.join(OUT, 'widget.png'), clip: { x: box.x - 190, y: box.y - 16, width: box.width + 206, height: box.height + 100 } });

    await agent.getByTestId('resolve').click();
    const rating = w.root.locator('[data-testid="rating"]');
    await rating.locator('label[title="Excellent"]').click();
    await rating.getByRole('button', { name: 'Send rating' }).click();
    await w.root.locator('[data-testid="rating-thanks"]').waitFor();

    const admin = await (await newContext(browser, { width: 1280, height: 800 })).newPage();
    await admin.goto(`${t.url}/admin/`);
    await signIn(admin, tenant.admin.email, TEST_PASSWORD);
    await admin.getByTestId('chart-csat').locator('canvas').waitFor();
    await admin.waitForTimeout(800);
    await admin.screenshot({ path: path.join(OUT, 'admin.png') });
    for (const f of ['widget.png', 'console.png', 'admin.png']) console.log(`docs/screenshots/${f}: ${(fs.statSync(path.join(OUT, f)).size / 1024).toFixed(0)} KB`);
  } finally {
    pool.closeAll();
    await browser.close();
    await site.close();
    await t.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
