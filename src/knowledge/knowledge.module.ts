import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsageModule } from '../usage/usage.module';
import { KnowledgeChunk } from './entities/knowledge-chunk.entity';
import { KnowledgeEntry } from './entities/knowledge-entry.entity';
import { ImportJobs } from './import-jobs';
import { KnowledgeImportService } from './knowledge-import.service';
import { KnowledgeIndexService } from './knowledge-index.service';
import { KnowledgeController } from './knowledge.controller';
import { KnowledgeRepository } from './knowledge.repository';
import { KnowledgeService } from './knowledge.service';

@Module({
  imports: [TypeOrmModule.forFeature([KnowledgeEntry, KnowledgeChunk]), UsageModule],
  controllers: [KnowledgeController],
  providers: [KnowledgeRepository, KnowledgeService, KnowledgeIndexService, KnowledgeImportService, ImportJobs],
  exports: [KnowledgeIndexService, KnowledgeRepository],
})
export class KnowledgeModule {}
