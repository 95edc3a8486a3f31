import * as path from 'node:path';
import { AppConfig, LogLevel, NodeEnv } from './app.config';

/** A configuration problem: its message is one line naming the variable and what is wrong. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function str(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = str(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['true', '1', 'yes', 'on'].includes(raw)) return true;
  if (['false', '0', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = str(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = str(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL (${protocols.join(' or ')}), got a value that does not parse`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return raw;
}

/** Validates the environment once at start-up; throws ConfigError on the first bad variable. */
export function validateEnv(env: Env, cwd = process.cwd()): AppConfig {
  const nodeEnv = oneOf<NodeEnv>(env, 'NODE_ENV', ['development', 'production', 'test'], 'development');
  const production = nodeEnv === 'production';

  const jwtSecret = str(env, 'JWT_SECRET');
  if (production && !jwtSecret) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET', `must be at least 32 characters, got ${jwtSecret.length}`);
  }

  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const sqlitePath = str(env, 'SQLITE_PATH') ?? './data/switchboard.sqlite';
  const schema = str(env, 'DATABASE_SCHEMA');
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ConfigError('DATABASE_SCHEMA', 'must be a lowercase SQL identifier');
  }

  const openaiKey = str(env, 'OPENAI_API_KEY');
  const openaiBase = url(env, 'OPENAI_BASE_URL', ['http:', 'https:']);
  if (openaiBase && !openaiKey) {
    throw new ConfigError('OPENAI_BASE_URL', 'is set but OPENAI_API_KEY is not; set both to use an OpenAI-compatible server');
  }

  const demoSeed = bool(env, 'DEMO_SEED', !production);
  return {
    env: nodeEnv,
    port: int(env, 'PORT', 3000, 0, 65535),
    database: databaseUrl
      ? { type: 'postgres', url: databaseUrl, schema }
      : { type: 'sqlite', path: path.resolve(cwd, sqlitePath) },
    jwtSecret,
    jwtExpiresInSeconds: int(env, 'JWT_EXPIRES_IN_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    openai: {
      apiKey: openaiKey,
      baseURL: openaiBase,
      model: str(env, 'OPENAI_MODEL') ?? 'gpt-4o-mini',
      timeoutMs: int(env, 'OPENAI_TIMEOUT_MS', 15000, 100, 120000),
    },
    mongodbUri: url(env, 'MONGODB_URI', ['mongodb:', 'mongodb+srv:']),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    // The demo seed never runs in production, whatever DEMO_SEED says.
    demoSeed: production ? false : demoSeed,
    uploadDir: path.resolve(cwd, str(env, 'UPLOAD_DIR') ?? './data/uploads'),
    knowledgeImportAllowPrivateUrls: bool(env, 'KNOWLEDGE_IMPORT_ALLOW_PRIVATE_URLS', !production),
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', ['error', 'warn', 'log', 'debug', 'verbose'], 'log'),
    rateLimits: {
      loginPerMinute: int(env, 'RATE_LIMIT_LOGIN_PER_MINUTE', 10, 1, 100000),
      publicPerMinute: int(env, 'RATE_LIMIT_PUBLIC_PER_MINUTE', 120, 1, 1000000),
    },
    presenceGraceSeconds: int(env, 'PRESENCE_GRACE_SECONDS', 30, 0, 3600),
  };
}
