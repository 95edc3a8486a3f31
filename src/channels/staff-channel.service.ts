import { ForbiddenException, HttpStatus, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { AttachmentsService } from '../attachments/attachments.service';
import { ChatService } from '../chat/chat.service';
import { Conversation } from '../chat/entities/conversation.entity';
import { MessageAttachment } from '../chat/entities/message.entity';
import { Actor, hasRole } from '../common/actor';
import { AppError } from '../common/app-error';
import { SendMessageDto } from './dto/customer-events.dto';

/** What an agent does inside a conversation besides routing: write to the customer. */
@Injectable()
export class StaffChannelService {
  private readonly logger = new Logger('StaffChannel');

  constructor(private readonly chat: ChatService, private readonly attachments: AttachmentsService) {}

  async send(actor: Actor, dto: SendMessageDto) {
    const conversation = await this.held(actor, dto.conversationId);
    const append = (attachments?: MessageAttachment[]) => this.chat.append(conversation, {
      senderType: 'agent', senderId: actor.id, senderName: actor.name, text: dto.text, clientMessageId: dto.clientMessageId, attachments,
    });
    const { message, view, duplicate, delivered } = dto.attachmentIds?.length
      ? await this.attachments.sendWith(conversation, { type: 'agent', id: actor.id }, dto.attachmentIds, dto.clientMessageId, append)
      : await append();
    delivered.catch((error) => this.logger.error(`delivering message ${message.id} failed: ${error}`));
    return { message: view, duplicate };
  }

  /** The conversation the agent holds (admins may step into any of their company's live ones). */
  async held(actor: Actor, conversationId: string): Promise<Conversation> {
    if (!actor.companyId) throw new ForbiddenException('Super admins do not chat with customers');
    const conversation = await this.chat.conversations.findInCompany(conversationId, actor.companyId);
    if (!conversation) throw new NotFoundException('Conversation not found');
    if (conversation.status === 'resolved') throw new AppError('conversation_resolved', 'This conversation has been resolved', HttpStatus.CONFLICT);
    if (conversation.assignedAgentId !== actor.id && !hasRole(actor, 'admin')) {
      throw new ForbiddenException('Take the conversation before writing in it');
    }
    return conversation;
  }
}
