import { BadRequestException, ForbiddenException, HttpStatus, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { In, IsNull, Repository } from 'typeorm';
import type { AppendResult } from '../chat/chat.service';
import { ConversationRepository } from '../chat/conversation.repository';
import { Conversation } from '../chat/entities/conversation.entity';
import { MessageAttachment } from '../chat/entities/message.entity';
import { MessageRepository } from '../chat/message.repository';
import { isSuperAdmin } from '../common/actor';
import { AppError } from '../common/app-error';
import { KeyedMutex } from '../common/keyed-mutex';
import { AttachmentCaller } from './attachment-caller.guard';
import { displayName } from './attachment-name';
import { sniffAttachment } from './attachment-sniffer';
import { AttachmentStorage } from './attachment-storage';
import { UploadAttachmentDto, toMessageAttachment } from './dto/attachment.dto';
import { Attachment, UploaderType } from './entities/attachment.entity';

/** The part of an uploaded file this service reads (multer's memory storage). */
export interface UploadedAttachment {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** Who sends a message with attachments: the conversation's customer or an agent. */
export interface AttachmentSender {
  type: UploaderType;
  id: string;
}

/**
 * Files in conversations: stored per company under ids the server makes, typed by their content, readable
 * only by the conversation's visitor and the company's staff, and linked to the message that carries them.
 */
@Injectable()
export class AttachmentsService {
  // Per conversation: two sends can never both take the same unsent attachment.
  private readonly sends = new KeyedMutex();

  constructor(
    @InjectRepository(Attachment) private readonly attachments: Repository<Attachment>,
    private readonly conversations: ConversationRepository,
    private readonly messages: MessageRepository,
    private readonly storage: AttachmentStorage,
  ) {}

  async upload(caller: AttachmentCaller, dto: UploadAttachmentDto, file: UploadedAttachment | undefined): Promise<Attachment> {
    const conversation = await this.openConversationOf(caller, dto.conversationId);
    if (!file) throw new BadRequestException('Send the file in the multipart field "file"');
    if (file.size === 0) throw new AppError('empty_file', 'The file is empty', HttpStatus.BAD_REQUEST);
    const sniffed = sniffAttachment(file.buffer);
    if (!sniffed.accepted) {
      throw new AppError('unsupported_type', `This file looks like ${sniffed.looksLike}: attach images (PNG, JPEG, GIF, WebP), PDF, plain text or office documents`, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
    }
    const id = randomUUID();
    const uploader: AttachmentSender = caller.kind === 'visitor' ? { type: 'customer', id: caller.visitorId } : { type: 'agent', id: caller.actor.id };
    const attachment = this.attachments.create({
      id, companyId: conversation.companyId, conversationId: conversation.id, messageId: null, uploaderType: uploader.type, uploaderId: uploader.id,
      name: displayName(file.originalname, sniffed.mime), mime: sniffed.mime, size: file.size,
      storageKey: this.storage.keyOf(conversation.companyId, id), createdAt: Date.now(),
    });
    await this.storage.write(attachment.storageKey, file.buffer);
    try {
      await this.attachments.insert(attachment);
    } catch (error) {
      await this.storage.remove(attachment.storageKey);
      throw error;
    }
    return attachment;
  }

  async download(caller: AttachmentCaller, id: string): Promise<{ attachment: Attachment; stream: ReadStream }> {
    const attachment = await this.attachments.findOneBy({ id });
    if (!attachment || !(await this.mayRead(caller, attachment))) throw new NotFoundException('Attachment not found');
    const stream = await this.storage.open(attachment.storageKey);
    if (!stream) throw new NotFoundException('The file of this attachment is no longer stored');
    return { attachment, stream };
  }

  /**
   * `message:send` with `attachmentIds`: each must be an unsent upload of this conversation by the sender's
   * side. The message is stored with them, then they are linked to it. A retry of the same clientMessageId
   * finds them linked to that very message and gets the stored message back, as any duplicate does.
   */
  sendWith(conversation: Pick<Conversation, 'id' | 'companyId'>, sender: AttachmentSender, ids: string[], clientMessageId: string, append: (attachments: MessageAttachment[]) => Promise<AppendResult>): Promise<AppendResult> {
    return this.sends.run(conversation.id, async () => {
      const rows = await this.attachments.findBy({ id: In(ids), conversationId: conversation.id, companyId: conversation.companyId });
      const byId = new Map(rows.map((row) => [row.id, row]));
      const retried = rows.some((row) => row.messageId) ? await this.messages.findByClientId(conversation.id, clientMessageId) : null;
      const ordered = ids.map((id) => {
        const row = byId.get(id);
        if (!row) throw new NotFoundException(`Attachment ${id} was not uploaded to this conversation`);
        if (row.uploaderType !== sender.type) throw new ForbiddenException(`"${row.name}" was uploaded by the ${row.uploaderType}: send only files your side uploaded`);
        if (row.messageId && row.messageId !== retried?.id) throw new AppError('attachment_already_sent', `"${row.name}" was already sent in another message`, HttpStatus.CONFLICT);
        return row;
      });
      const result = await append(ordered.map(toMessageAttachment));
      if (!result.duplicate) await this.attachments.update({ id: In(ids), messageId: IsNull() }, { messageId: result.message.id });
      return result;
    });
  }

  /** Uploads go to a live conversation: the visitor's own, or (staff) one of their company's. */
  private async openConversationOf(caller: AttachmentCaller, conversationId: string): Promise<Conversation> {
    let conversation: Conversation | null;
    if (caller.kind === 'visitor') {
      conversation = await this.conversations.findInCompany(conversationId, caller.companyId);
      if (conversation && conversation.visitorId !== caller.visitorId) conversation = null;
    } else {
      if (!caller.actor.companyId) throw new ForbiddenException('Super admins do not chat with customers');
      conversation = await this.conversations.findInCompany(conversationId, caller.actor.companyId);
    }
    if (!conversation) throw new NotFoundException('Conversation not found');
    if (conversation.status === 'resolved') throw new AppError('conversation_resolved', 'This conversation has ended: files can no longer be added', HttpStatus.CONFLICT);
    return conversation;
  }

  /** The conversation's visitor, the company's staff, and super admins (who read every conversation). */
  private async mayRead(caller: AttachmentCaller, attachment: Attachment): Promise<boolean> {
    if (caller.kind === 'staff') return isSuperAdmin(caller.actor) || caller.actor.companyId === attachment.companyId;
    if (caller.companyId !== attachment.companyId) return false;
    const conversation = await this.conversations.findInCompany(attachment.conversationId, attachment.companyId);
    return conversation?.visitorId === caller.visitorId;
  }
}
