import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import { TestApp } from '../utils/create-test-app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';
export const CLIENT_DIR = path.resolve(__dirname, '../../dist/client');
export const SCREENSHOT_DIR = path.resolve(__dirname, 'screenshots');

export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 820 };

/** The specs drive the built client that Nest serves: fail early, with the fix, if it is not there. */
export function assertClientBuilt(): void {
  const missing = ['index.html', 'widget.js', 'console/index.html', 'admin/index.html', 'demo.html'].filter((f) => !fs.existsSync(path.join(CLIENT_DIR, f)));
  if (missing.length) {
    throw new Error(`The client is not built (missing ${missing.map((f) => `dist/client/${f}`).join(', ')}): run \`npm run build:client\` before the browser specs.`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function newContext(browser: Browser, viewport = DESKTOP): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, locale: 'en-GB', timezoneId: 'UTC', reducedMotion: 'reduce' });
  context.setDefaultTimeout(10_000);
  return context;
}

/** Collects page errors so a spec can assert the app ran without uncaught exceptions. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED|WebSocket connection/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return errors;
}

export async function shoot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false, animations: 'disabled' });
  return file;
}

export interface ThirdPartySite {
  url: string;
  close(): Promise<void>;
}

/**
 * A stranger's web page on another origin (localhost vs the hub's 127.0.0.1, its own port) that
 * embeds the widget exactly as the embed snippet says: one script tag.
 */
export async function thirdPartySite(hubUrl: string, widgetKey: string, attributes: Record<string, string> = {}): Promise<ThirdPartySite> {
  const attrs = Object.entries(attributes).map(([k, v]) => ` data-${k}="${v}"`).join('');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Globex Outdoor · a customer's shop</title>
<style>
  body { margin: 0; font-family: Georgia, serif; background: #f4efe8; color: #2d2824; }
  header { padding: 20px 28px; border-bottom: 1px solid #e0d6c8; font-size: 22px; font-weight: bold; }
  main { max-width: 860px; margin: 0 auto; padding: 40px 28px; }
  h1 { font-size: 40px; margin: 0 0 12px; }
  p { font: 17px/1.6 system-ui, sans-serif; color: #5b5149; }
  .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(160px, 1fr)); gap: 16px; margin-top: 28px; }
  .tiles div { aspect-ratio: 1; border-radius: 6px; background: linear-gradient(150deg, #c8b696, #50634f); }
</style></head>
<body>
  <header>Globex Outdoor</header>
  <main>
    <h1>Gear for every trail</h1>
    <p>Free shipping on orders over €50. Questions? Our assistant is in the corner.</p>
    <div class="tiles"><div></div><div></div><div></div></div>
  </main>
  <script src="${hubUrl}/widget.js" data-widget-key="${widgetKey}"${attrs} async></script>
</body></html>`;
  const server = http.createServer((req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?') || req.url?.startsWith('/shop')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/shop`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const KNOWLEDGE = [
  { question: 'How long does shipping take?', answer: 'Standard shipping takes 3-5 business days within the EU. Express shipping arrives the next business day when you order before 2 pm.', category: 'Shipping' },
  { question: 'How do I reset my password?', answer: 'Click "Forgot password" on the sign-in page and enter your account email. We send a reset link that stays valid for 30 minutes.', category: 'Account' },
  { question: 'What is your return policy?', answer: 'You can return unused items within 30 days of delivery for a full refund. Start a return from Orders → Return an item.', category: 'Returns' },
  { question: 'Which payment methods do you accept?', answer: 'We accept Visa, Mastercard, American Express, PayPal and bank transfer for annual plans.', category: 'Billing' },
];

/** Adds the knowledge entries through the real API (POST /api/knowledge) as an admin. */
export async function seedKnowledge(t: TestApp, adminToken: string, entries = KNOWLEDGE): Promise<void> {
  for (const entry of entries) {
    const res = await t.http().post('/api/knowledge').set('Authorization', `Bearer ${adminToken}`).send(entry);
    if (res.status !== 201) throw new Error(`POST /api/knowledge failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** The widget inside the host page (Playwright's CSS engine pierces its open shadow root). */
export function widget(page: Page) {
  const root = page.locator('#switchboard-widget');
  return {
    root,
    launcher: root.locator('button.launcher'),
    panel: root.locator('.panel'),
    input: root.getByRole('textbox', { name: 'Message' }),
    send: root.getByRole('button', { name: 'Send message' }),
    log: root.locator('[data-testid="widget-log"]'),
    messages: (type?: 'customer' | 'bot' | 'agent' | 'system'): Locator => root.locator(type ? `.msg--${type} .bubble` : '.msg .bubble'),
    status: root.locator('[data-testid="widget-status"]'),
    handoff: root.locator('[data-testid="handoff"]'),
  };
}

/** Types into the widget and sends with Enter (as a person would). */
export async function say(page: Page, text: string): Promise<void> {
  const w = widget(page);
  await w.input.fill(text);
  await w.input.press('Enter');
}

/** Logs in through a login form (console or dashboard). */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
