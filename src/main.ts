import 'reflect-metadata';
import { createApp } from './app.factory';
import { ensureJwtSecret, dataDirOf } from './config/jwt-secret';
import { ConfigError, validateEnv } from './config/validate-env';
import { DemoSeedService } from './seed/demo-seed.service';
import { DEMO_PASSWORD, DEMO_USERS } from './seed/demo-data';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = validateEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  config = ensureJwtSecret(config, dataDirOf(config));
  const app = await createApp(config);
  await app.listen(config.port);
  const base = `http://localhost:${config.port}`;
  const lines = [
    '',
    `Switchboard is running at ${base}`,
    `  Agent console and admin dashboard: ${base}/`,
    `  API docs (OpenAPI):                ${base}/docs`,
    `  Health:                            ${base}/health`,
    `  Database: ${config.database.type === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)'}`,
    `  Assistant: ${config.openai.apiKey ? `OpenAI (${config.openai.model})` : 'embedded (offline, no API key needed)'}`,
  ];
  if (app.get(DemoSeedService).seeded || config.demoSeed) {
    lines.push('', `Demo logins (password "${DEMO_PASSWORD}"):`, ...DEMO_USERS.map((u) => `  ${u.role.padEnd(12)} ${u.email}`));
  }
  console.log(lines.join('\n') + '\n');
}

void bootstrap();
