import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { DirectIoAdapter } from './common/realtime/direct-io.adapter';
import { AppConfig, nestLogLevels } from './config/app.config';

/** Builds the configured app without listening: main.ts listens on PORT, tests on port 0. */
export async function createApp(config: AppConfig): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: nestLogLevels(config.logLevel),
    // Parsers are registered in configureApp, followed by the handler that shapes their errors.
    bodyParser: false,
  });
  configureApp(app);
  app.useWebSocketAdapter(new DirectIoAdapter(app));
  app.enableShutdownHooks();
  return app;
}
