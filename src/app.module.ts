import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { ThrottlerModule } from '@nestjs/throttler';
import * as path from 'node:path';
import { AgentsModule } from './agents/agents.module';
import { AnalyticsModule } from './analytics/analytics.module';
import { AssistantModule } from './assistant/assistant.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ChannelsModule } from './channels/channels.module';
import { ChatModule } from './chat/chat.module';
import { EventsModule } from './common/events/events.module';
import { CompaniesModule } from './companies/companies.module';
import { APP_CONFIG, AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EscalationModule } from './escalation/escalation.module';
import { FeedbackModule } from './feedback/feedback.module';
import { HealthModule } from './health/health.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { SeedModule } from './seed/seed.module';
import { UsageModule } from './usage/usage.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  /** The whole hub for one validated configuration: `main.ts` and every e2e test build it the same way. */
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        EventsModule,
        DatabaseModule,
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (c: AppConfig) => ({
            errorMessage: 'Too many requests: slow down and try again in a minute',
            throttlers: [
              { name: 'login', ttl: 60_000, limit: c.rateLimits.loginPerMinute },
              { name: 'public', ttl: 60_000, limit: c.rateLimits.publicPerMinute },
            ],
          }),
        }),
        // The built widget, console and dashboard (client/ → dist/client); the API and docs keep their routes.
        ServeStaticModule.forRoot({
          rootPath: path.resolve(__dirname, __dirname.endsWith('src') ? '../dist/client' : 'client'),
          exclude: ['/api/{*path}', '/docs/{*path}', '/health', '/socket.io/{*path}'],
          serveStaticOptions: { index: 'index.html', maxAge: '1h', fallthrough: true },
        }),
        HealthModule,
        AuditModule,
        CompaniesModule,
        UsersModule,
        AuthModule,
        UsageModule,
        KnowledgeModule,
        AssistantModule,
        ChatModule,
        AttachmentsModule,
        AgentsModule,
        EscalationModule,
        FeedbackModule,
        ChannelsModule,
        AnalyticsModule,
        SeedModule,
      ],
    };
  }
}
