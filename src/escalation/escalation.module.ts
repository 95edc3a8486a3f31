import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgentsModule } from '../agents/agents.module';
import { AssistantModule } from '../assistant/assistant.module';
import { ChatModule } from '../chat/chat.module';
import { CompaniesModule } from '../companies/companies.module';
import { UsageModule } from '../usage/usage.module';
import { UsersModule } from '../users/users.module';
import { Escalation } from './entities/escalation.entity';
import { EscalationRepository } from './escalation.repository';
import { EscalationService } from './escalation.service';
import { AgentAvailabilityListener } from './listeners/agent-availability.listener';
import { CustomerMessageListener } from './listeners/customer-message.listener';
import { HandoffListener } from './listeners/handoff.listener';
import { RoutingService } from './routing.service';

@Module({
  imports: [TypeOrmModule.forFeature([Escalation]), ChatModule, AssistantModule, AgentsModule, CompaniesModule, UsageModule, UsersModule],
  providers: [EscalationRepository, RoutingService, EscalationService, CustomerMessageListener, HandoffListener, AgentAvailabilityListener],
  exports: [RoutingService, EscalationRepository, EscalationService],
})
export class EscalationModule {}
