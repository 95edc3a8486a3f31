import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppConfig } from './app.config';

/** Outside production a missing JWT_SECRET is generated once and kept beside the data, so logins survive restarts. */
export function ensureJwtSecret(config: AppConfig, dataDir: string): AppConfig & { jwtSecret: string } {
  if (config.jwtSecret) return config as AppConfig & { jwtSecret: string };
  const file = path.join(dataDir, 'jwt-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600 });
  return { ...config, jwtSecret: fs.readFileSync(file, 'utf8').trim() };
}

export function dataDirOf(config: AppConfig): string {
  return config.database.type === 'sqlite' ? path.dirname(config.database.path) : path.resolve('data');
}
