import { Column, Entity, PrimaryColumn } from 'typeorm';
import { msColumn } from '../../database/columns';

export type UploaderType = 'customer' | 'agent';

/** A file uploaded into a conversation; `messageId` is set once a message carries it. */
@Entity('attachments')
export class Attachment {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'varchar', length: 36, name: 'conversation_id' })
  conversationId: string;

  @Column({ type: 'varchar', length: 36, name: 'message_id', nullable: true })
  messageId: string | null;

  @Column({ type: 'varchar', length: 10, name: 'uploader_type' })
  uploaderType: UploaderType;

  /** The visitor id (customers) or the user id (staff). */
  @Column({ type: 'varchar', length: 64, name: 'uploader_id' })
  uploaderId: string;

  /** The client's file name, for display and Content-Disposition only: never part of a path. */
  @Column({ type: 'varchar', length: 255 })
  name: string;

  /** Sniffed from the content, never taken from the name or the client's Content-Type. */
  @Column({ type: 'varchar', length: 120 })
  mime: string;

  @Column({ type: 'integer' })
  size: number;

  /** `<companyId>/<id>` under UPLOAD_DIR. */
  @Column({ type: 'varchar', length: 120, name: 'storage_key' })
  storageKey: string;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;
}
