import * as fs from 'node:fs';
import * as path from 'node:path';

const PACKAGE_JSON = path.resolve(__dirname, '../../package.json');

/**
 * The node flags `npm start` gives the hub, read from package.json's start script
 * (`node [--flag…] dist/main.js`): the bench runs both servers, hub and bare relay, with them, so the
 * hub is measured as it runs in production and the baseline gets the same runtime.
 */
export function startScriptNodeFlags(packageJson = PACKAGE_JSON): string[] {
  const start = (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { scripts?: { start?: string } }).scripts?.start ?? '';
  const match = /^node((?:\s+--\S+)*)\s+dist\/main\.js$/.exec(start.trim());
  if (!match) throw new Error(`package.json's start script is not "node [--flag…] dist/main.js": ${start}`);
  return match[1].split(/\s+/).filter(Boolean);
}
