import { Module } from '@nestjs/common';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { AssistantService } from './assistant.service';

@Module({ imports: [KnowledgeModule], providers: [AssistantService], exports: [AssistantService] })
export class AssistantModule {}
