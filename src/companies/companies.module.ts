import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CompaniesController, SettingsController } from './companies.controller';
import { CompaniesService } from './companies.service';
import { CannedResponse } from './canned-responses/canned-response.entity';
import { CannedResponsesController } from './canned-responses/canned-responses.controller';
import { Company } from './entities/company.entity';
import { PromptsController } from './prompts/prompts.controller';
import { PromptsService } from './prompts/prompts.service';
import { SystemPrompt } from './prompts/system-prompt.entity';
import { WidgetController } from './widget/widget.controller';

@Module({
  imports: [TypeOrmModule.forFeature([Company, SystemPrompt, CannedResponse])],
  controllers: [CompaniesController, SettingsController, PromptsController, WidgetController, CannedResponsesController],
  providers: [CompaniesService, PromptsService],
  exports: [CompaniesService, PromptsService],
})
export class CompaniesModule {}
