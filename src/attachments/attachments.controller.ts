import { Body, Controller, Get, HttpCode, Options, Param, ParseUUIDPipe, Post, Res, StreamableFile, UploadedFile, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiExcludeEndpoint, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../common/decorators/auth.decorators';
import { RateLimit } from '../common/decorators/rate-limit.decorator';
import { SingleFileInterceptor } from '../common/interceptors/single-file.interceptor';
import { ATTACHMENT_CORS, AttachmentCaller, AttachmentCallerGuard, CurrentCaller } from './attachment-caller.guard';
import { ATTACHMENT_MAX_BYTES } from './attachment-limits';
import { AttachmentsService, UploadedAttachment } from './attachments.service';
import { toAttachmentResponse, toDownloadHeaders, UploadAttachmentDto } from './dto/attachment.dto';

/** Files in conversations, for the widget's visitor (X-Widget-Key + X-Visitor-Token) and for staff (JWT). */
@ApiTags('attachments')
@ApiBearerAuth()
@ApiHeader({ name: 'X-Widget-Key', required: false, description: 'Visitor: with X-Visitor-Token instead of a staff login' })
@ApiHeader({ name: 'X-Visitor-Token', required: false })
@Public()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** 201 with `{id, name, type, size, url, …}`; send `id` in `message:send`'s `attachmentIds`. */
  @Post()
  @RateLimit('public')
  @UseGuards(AttachmentCallerGuard)
  @UseInterceptors(SingleFileInterceptor('file', ATTACHMENT_MAX_BYTES))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file', 'conversationId'], properties: { file: { type: 'string', format: 'binary' }, conversationId: { type: 'string', format: 'uuid' } } } })
  async upload(@CurrentCaller() caller: AttachmentCaller, @Body() dto: UploadAttachmentDto, @UploadedFile() file: UploadedAttachment | undefined) {
    return toAttachmentResponse(await this.attachments.upload(caller, dto, file));
  }

  @Get(':id')
  @UseGuards(AttachmentCallerGuard)
  async download(@CurrentCaller() caller: AttachmentCaller, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) response: Response) {
    const { attachment, stream } = await this.attachments.download(caller, id);
    response.set(toDownloadHeaders(attachment));
    return new StreamableFile(stream);
  }

  /** CORS preflight: the widget calls from the company's own site. */
  @Options()
  @HttpCode(204)
  @ApiExcludeEndpoint()
  preflightUpload(@Res({ passthrough: true }) response: Response): void {
    response.set(ATTACHMENT_CORS);
  }

  @Options(':id')
  @HttpCode(204)
  @ApiExcludeEndpoint()
  preflightDownload(@Res({ passthrough: true }) response: Response): void {
    response.set(ATTACHMENT_CORS);
  }
}
