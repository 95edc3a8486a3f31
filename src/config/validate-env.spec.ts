import * as path from 'node:path';
import { ConfigError, validateEnv } from './validate-env';

const cwd = '/srv/switchboard';
const SECRET = 'x'.repeat(40);

describe('validateEnv', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = validateEnv({}, cwd);
    expect(config).toMatchObject({
      env: 'development', port: 3000, demoSeed: true, logLevel: 'log',
      database: { type: 'sqlite', path: path.join(cwd, 'data/switchboard.sqlite') },
      uploadDir: path.join(cwd, 'data/uploads'), presenceGraceSeconds: 30,
    });
    expect(config.jwtSecret).toBeUndefined();
    expect(config.openai.apiKey).toBeUndefined();
  });

  it('honours PORT, SQLITE_PATH, UPLOAD_DIR and DEMO_SEED=false', () => {
    const config = validateEnv({ PORT: '8080', SQLITE_PATH: '/var/lib/sb.sqlite', UPLOAD_DIR: 'files', DEMO_SEED: 'false' }, cwd);
    expect(config.port).toBe(8080);
    expect(config.database).toEqual({ type: 'sqlite', path: '/var/lib/sb.sqlite' });
    expect(config.uploadDir).toBe(path.join(cwd, 'files'));
    expect(config.demoSeed).toBe(false);
  });

  it('lets knowledge import fetch private URLs outside production only, unless KNOWLEDGE_IMPORT_ALLOW_PRIVATE_URLS says otherwise', () => {
    expect(validateEnv({}, cwd).knowledgeImportAllowPrivateUrls).toBe(true);
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET }, cwd).knowledgeImportAllowPrivateUrls).toBe(false);
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, KNOWLEDGE_IMPORT_ALLOW_PRIVATE_URLS: 'true' }, cwd).knowledgeImportAllowPrivateUrls).toBe(true);
    expect(validateEnv({ KNOWLEDGE_IMPORT_ALLOW_PRIVATE_URLS: 'off' }, cwd).knowledgeImportAllowPrivateUrls).toBe(false);
    expect(() => validateEnv({ KNOWLEDGE_IMPORT_ALLOW_PRIVATE_URLS: 'sometimes' }, cwd)).toThrow('KNOWLEDGE_IMPORT_ALLOW_PRIVATE_URLS must be true or false, got "sometimes"');
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    expect(validateEnv({ DATABASE_URL: 'postgres://u@db:5432/sb' }, cwd).database).toEqual({ type: 'postgres', url: 'postgres://u@db:5432/sb', schema: undefined });
  });

  it('refuses production without JWT_SECRET and never seeds the demo there', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' }, cwd)).toThrow('Invalid configuration: JWT_SECRET is required when NODE_ENV=production');
    expect(validateEnv({ NODE_ENV: 'production', JWT_SECRET: SECRET, DEMO_SEED: 'true' }, cwd).demoSeed).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a whole number, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be between 0 and 65535, got 70000'],
    [{ DATABASE_URL: 'mysql://db/x' }, 'DATABASE_URL must use postgres: or postgresql:, got "mysql:"'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters, got 5'],
    [{ OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' }, 'OPENAI_BASE_URL is set but OPENAI_API_KEY is not'],
    [{ OPENAI_API_KEY: 'k', OPENAI_BASE_URL: 'ftp://x' }, 'OPENAI_BASE_URL must use http: or https:'],
    [{ MONGODB_URI: 'http://mongo' }, 'MONGODB_URI must use mongodb: or mongodb+srv:'],
    [{ REDIS_URL: 'tcp://r' }, 'REDIS_URL must use redis: or rediss:'],
    [{ DEMO_SEED: 'maybe' }, 'DEMO_SEED must be true or false, got "maybe"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of error, warn, log, debug, verbose, got "loud"'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, production, test, got "staging"'],
  ])('names the variable and the problem in one line: %j', (env, expected) => {
    let error: unknown;
    try {
      validateEnv(env, cwd);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });
});
