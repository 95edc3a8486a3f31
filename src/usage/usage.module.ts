import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesModule } from '../companies/companies.module';
import { UsageCounter } from './entities/usage-counter.entity';
import { PlansController } from './plans.controller';
import { UsageController } from './usage.controller';
import { UsageListener } from './usage.listener';
import { UsageService } from './usage.service';

@Module({
  imports: [TypeOrmModule.forFeature([UsageCounter]), CompaniesModule],
  controllers: [UsageController, PlansController],
  providers: [UsageService, UsageListener],
  exports: [UsageService],
})
export class UsageModule {}
