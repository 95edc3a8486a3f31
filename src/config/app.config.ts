export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'error' | 'warn' | 'log' | 'debug' | 'verbose';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'postgres'; url: string; schema?: string };

/** Typed, validated configuration: the only place the environment is read is validate-env.ts. */
export interface AppConfig {
  env: NodeEnv;
  port: number;
  database: DatabaseConfig;
  /** Undefined outside production when JWT_SECRET is unset: bootstrap generates and persists one. */
  jwtSecret?: string;
  jwtExpiresInSeconds: number;
  openai: { apiKey?: string; baseURL?: string; model: string; timeoutMs: number };
  mongodbUri?: string;
  redisUrl?: string;
  demoSeed: boolean;
  uploadDir: string;
  /** Knowledge import may fetch URLs on private/loopback addresses (default: everywhere but production). */
  knowledgeImportAllowPrivateUrls: boolean;
  logLevel: LogLevel;
  rateLimits: { loginPerMinute: number; publicPerMinute: number };
  /** Default for companies that have not set their own; ARCHITECTURE: 30 s. */
  presenceGraceSeconds: number;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The log levels Nest should print for a configured minimum level. */
export function nestLogLevels(level: LogLevel): LogLevel[] {
  const order: LogLevel[] = ['error', 'warn', 'log', 'debug', 'verbose'];
  return order.slice(0, order.indexOf(level) + 1);
}
