import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatModule } from '../chat/chat.module';
import { CompaniesModule } from '../companies/companies.module';
import { UsersModule } from '../users/users.module';
import { AgentsController } from './agents.controller';
import { AgentsService } from './agents.service';
import { AgentSession } from './entities/agent-session.entity';
import { PresenceService } from './presence.service';
import { WorkSessionsService } from './work-sessions.service';

@Module({
  imports: [TypeOrmModule.forFeature([AgentSession]), ChatModule, CompaniesModule, UsersModule],
  controllers: [AgentsController],
  providers: [PresenceService, WorkSessionsService, AgentsService],
  exports: [PresenceService, WorkSessionsService],
})
export class AgentsModule {}
