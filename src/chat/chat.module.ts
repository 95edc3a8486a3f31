import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChatService } from './chat.service';
import { ConversationRepository } from './conversation.repository';
import { Conversation } from './entities/conversation.entity';
import { Message } from './entities/message.entity';
import { MessageRepository } from './message.repository';

@Module({
  imports: [TypeOrmModule.forFeature([Conversation, Message])],
  providers: [ChatService, ConversationRepository, MessageRepository],
  exports: [ChatService, ConversationRepository, MessageRepository],
})
export class ChatModule {}
