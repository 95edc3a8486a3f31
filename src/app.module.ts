import { DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { EventsModule } from './common/events/events.module';
import { CompaniesModule } from './companies/companies.module';
import { APP_CONFIG, AppConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { SeedModule } from './seed/seed.module';
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
        HealthModule,
        AuditModule,
        CompaniesModule,
        UsersModule,
        AuthModule,
        SeedModule,
      ],
    };
  }
}
