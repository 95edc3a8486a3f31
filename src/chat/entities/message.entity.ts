import { Column, Entity, PrimaryColumn } from 'typeorm';
import { floatColumn, jsonColumn, msColumn } from '../../database/columns';

export const SENDER_TYPES = ['customer', 'bot', 'agent', 'system'] as const;
export type SenderType = (typeof SENDER_TYPES)[number];

export interface MessageSource {
  id: string;
  title: string;
  score: number;
}

export interface MessageAttachment {
  id: string;
  name: string;
  type: string;
  size: number;
  url: string;
}

@Entity('messages')
export class Message {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 36, name: 'conversation_id' })
  conversationId: string;

  @Column({ type: 'varchar', length: 36, name: 'company_id' })
  companyId: string;

  @Column({ type: 'integer' })
  seq: number;

  @Column({ type: 'varchar', length: 10, name: 'sender_type' })
  senderType: SenderType;

  @Column({ type: 'varchar', length: 36, name: 'sender_id', nullable: true })
  senderId: string | null;

  @Column({ type: 'varchar', length: 120, name: 'sender_name', nullable: true })
  senderName: string | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 64, name: 'client_message_id', nullable: true })
  clientMessageId: string | null;

  @Column(floatColumn({ nullable: true }))
  confidence: number | null;

  @Column(jsonColumn({ nullable: true }))
  sources: MessageSource[] | null;

  @Column(jsonColumn({ nullable: true }))
  attachments: MessageAttachment[] | null;

  @Column(msColumn({ name: 'created_at' }))
  createdAt: number;
}
