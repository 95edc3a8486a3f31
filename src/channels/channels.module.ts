import { Module } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { CompaniesModule } from '../companies/companies.module';
import { EscalationModule } from '../escalation/escalation.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { UsageModule } from '../usage/usage.module';
import { ApiChatController } from './api-chat.controller';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { CustomerChannelService } from './customer-channel.service';
import { CustomerGateway } from './customer.gateway';
import { RealtimeHub } from './realtime-hub';
import { SocketPushListener } from './socket-push.listener';
import { StaffChannelService } from './staff-channel.service';
import { StaffGateway } from './staff.gateway';

/**
 * How people reach conversations: the widget and console sockets, the server-to-server API and the
 * staff read API. It sits on top of chat, escalation, agents and feedback so none of those imports another in a cycle.
 */
@Module({
  imports: [AuthModule, AttachmentsModule, ChatModule, CompaniesModule, EscalationModule, AgentsModule, FeedbackModule, UsageModule],
  controllers: [ApiChatController, ConversationsController],
  providers: [RealtimeHub, SocketPushListener, CustomerChannelService, StaffChannelService, ConversationsService, CustomerGateway, StaffGateway],
})
export class ChannelsModule {}
