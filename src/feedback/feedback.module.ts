import { Logger, Module, OnApplicationShutdown, OnModuleInit, Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChatModule } from '../chat/chat.module';
import { CompaniesModule } from '../companies/companies.module';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { HealthService } from '../health/health.service';
import { FeedbackController } from './feedback.controller';
import { FEEDBACK_STORE, FeedbackStore } from './feedback-store';
import { FeedbackService } from './feedback.service';
import { MongoFeedbackStore } from './stores/mongo-feedback.store';
import { TypeormFeedbackStore } from './stores/typeorm-feedback.store';

@Module({
  imports: [ChatModule, CompaniesModule],
  controllers: [FeedbackController],
  providers: [
    FeedbackService,
    {
      provide: FEEDBACK_STORE,
      inject: [APP_CONFIG, DataSource],
      // MongoDB when MONGODB_URI is set (fails start-up if unreachable), the SQL database otherwise.
      useFactory: async (config: AppConfig, dataSource: DataSource): Promise<FeedbackStore> => {
        if (!config.mongodbUri) return new TypeormFeedbackStore(dataSource);
        const store = await MongoFeedbackStore.connect(config.mongodbUri);
        new Logger('Feedback').log('feedback is stored in MongoDB');
        return store;
      },
    },
  ],
  exports: [FeedbackService],
})
export class FeedbackModule implements OnModuleInit, OnApplicationShutdown {
  constructor(@Inject(FEEDBACK_STORE) private readonly store: FeedbackStore, private readonly health: HealthService) {}

  onModuleInit(): void {
    if (this.store.kind === 'mongodb') this.health.register({ name: 'mongodb', ping: () => this.store.ping() });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
