import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module';
import { ChatModule } from '../chat/chat.module';
import { CompaniesModule } from '../companies/companies.module';
import { AttachmentCallerGuard } from './attachment-caller.guard';
import { AttachmentStorage } from './attachment-storage';
import { AttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import { Attachment } from './entities/attachment.entity';

/** Chat attachments: upload, download, and linking to messages (used by the channels' `message:send`). */
@Module({
  imports: [TypeOrmModule.forFeature([Attachment]), AuthModule, ChatModule, CompaniesModule],
  controllers: [AttachmentsController],
  providers: [AttachmentsService, AttachmentStorage, AttachmentCallerGuard],
  exports: [AttachmentsService],
})
export class AttachmentsModule {}
