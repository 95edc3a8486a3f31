import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { buildDataSourceOptions } from './data-source';
import { WalCheckpointer } from './wal-checkpointer';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // Migrations, never synchronize: the schema a test sees is the one production gets.
      useFactory: (config: AppConfig) => ({ ...buildDataSourceOptions(config.database, { checkpointer: true }), migrationsRun: true, migrationsTransactionMode: 'each' }),
    }),
  ],
  providers: [WalCheckpointer],
})
export class DatabaseModule {}
