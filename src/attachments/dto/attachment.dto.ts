import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { MessageAttachment } from '../../chat/entities/message.entity';
import { contentDisposition } from '../attachment-name';
import { IMAGE_TYPES } from '../attachment-sniffer';
import type { Attachment } from '../entities/attachment.entity';

/** The multipart fields of `POST /api/attachments` besides `file`. */
export class UploadAttachmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID()
  conversationId: string;
}

export const attachmentUrl = (id: string) => `/api/attachments/${id}`;

/** What a message carries (and `message:new` shows): name, sniffed type, size and where to download it. */
export function toMessageAttachment(a: Attachment): MessageAttachment {
  return { id: a.id, name: a.name, type: a.mime, size: a.size, url: attachmentUrl(a.id) };
}

export interface AttachmentResponse extends MessageAttachment {
  conversationId: string;
  messageId: string | null;
  uploadedBy: 'customer' | 'agent';
  createdAt: string;
}

export function toAttachmentResponse(a: Attachment): AttachmentResponse {
  return { ...toMessageAttachment(a), conversationId: a.conversationId, messageId: a.messageId, uploadedBy: a.uploaderType, createdAt: new Date(a.createdAt).toISOString() };
}

/** How a download is served: its sniffed type, shown in place only if it is an image, never sniffed or run by the browser. */
export function toDownloadHeaders(a: Attachment): Record<string, string> {
  return {
    'Content-Type': a.mime,
    'Content-Length': String(a.size),
    'Content-Disposition': contentDisposition(a.name, IMAGE_TYPES.has(a.mime)),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
    'Cache-Control': 'private, max-age=300',
  };
}
