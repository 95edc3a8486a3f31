import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AddressInfo, createServer } from 'node:net';
import { startScriptNodeFlags } from '../../bench/lib/server-flags';

// These start the real entry points as separate processes, the way `npm start` and the CLI do.
const ROOT = path.resolve(__dirname, '../..');
const TS_NODE = [require.resolve('ts-node/dist/bin.js'), '--transpile-only'];

interface Run { code: number | null; stdout: string; stderr: string }

function run(script: string, args: string[], env: Record<string, string>, until?: RegExp, timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE, script, ...args], {
      cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`timed out: ${stdout}\n${stderr}`)); }, timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
      if (until && until.test(stdout)) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

describe('process start-up (e2e)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-proc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the image and `npm run start:prod` run the hub with the node flags of `npm start` (the bench uses them too)', () => {
    const flags = startScriptNodeFlags();
    const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['start:prod']).toBe(scripts.start);
    const cmd = /^CMD (\[.*\])\s*$/m.exec(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
    expect(JSON.parse(cmd?.[1] ?? 'null')).toEqual(['node', ...flags, 'dist/main.js']);
  });

  it('production refuses to start without JWT_SECRET, with one line naming it', async () => {
    const result = await run('src/main.ts', [], { NODE_ENV: 'production', SQLITE_PATH: path.join(dir, 'prod.sqlite') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
  });

  it('a bad value stops start-up with one line naming the variable', async () => {
    const result = await run('src/main.ts', [], { PORT: 'eighty', SQLITE_PATH: path.join(dir, 'bad.sqlite') });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('Invalid configuration: PORT must be a whole number, got "eighty"');
  });

  it('starts on an empty database, migrates, seeds the demo and prints URLs and logins', async () => {
    const port = await freePort();
    const sqlite = path.join(dir, 'demo', 'switchboard.sqlite');
    const result = await run('src/main.ts', [], { PORT: String(port), SQLITE_PATH: sqlite, LOG_LEVEL: 'warn' }, /bob@acme\.example/);
    expect(result.stdout).toContain(`Switchboard is running at http://localhost:${port}`);
    expect(result.stdout).toContain(`http://localhost:${port}/docs`);
    expect(result.stdout).toMatch(/admin\s+admin@acme\.example/);
    expect(fs.existsSync(sqlite)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'demo', 'jwt-secret'))).toBe(true);
  });

  it('DEMO_SEED=false starts without the demo company or logins', async () => {
    const port = await freePort();
    const result = await run('src/main.ts', [], { PORT: String(port), SQLITE_PATH: path.join(dir, 'noseed.sqlite'), DEMO_SEED: 'false', LOG_LEVEL: 'warn' }, /running at/);
    expect(result.stdout).toContain('Switchboard is running');
    expect(result.stdout).not.toContain('Demo logins');
  });

  it('create-admin makes a super admin on an empty database, and refuses a short password and a duplicate', async () => {
    const env = { SQLITE_PATH: path.join(dir, 'cli', 'empty.sqlite') };
    const ok = await run('src/cli/create-admin.ts', ['--email', 'Root@Example.test', '--password', 'long-enough-pw'], env);
    expect(ok.stdout).toMatch(/Created super admin root@example\.test/);
    expect(ok.code).toBe(0);
    const dup = await run('src/cli/create-admin.ts', ['--email', 'root@example.test', '--password', 'long-enough-pw'], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('create-admin: a user with email root@example.test already exists');
    const short = await run('src/cli/create-admin.ts', ['--email', 'b@example.test', '--password', 'short'], env);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('the password must be 10 to 128 characters long');
    const usage = await run('src/cli/create-admin.ts', [], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('Usage: npm run create-admin');
  });
});
