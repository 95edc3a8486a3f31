import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableIndex } from 'typeorm';

// Written once with the Table API so the same migration runs on SQLite and PostgreSQL.
const id = (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true });
const ref = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const ms = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
const text = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable });
const str = (name: string, length: number, nullable = false, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name, type: 'varchar', length: String(length), isNullable: nullable, ...extra,
});
const int = (name: string, def?: number, nullable = false): TableColumnOptions => ({
  name, type: 'integer', isNullable: nullable, ...(def === undefined ? {} : { default: def }),
});
const bool = (name: string, def: boolean): TableColumnOptions => ({ name, type: 'boolean', default: def });
const float = (name: string): TableColumnOptions => ({ name, type: 'double precision', isNullable: true });
const index = (name: string, columnNames: string[], isUnique = false) => new TableIndex({ name, columnNames, isUnique });

// Built fresh per run: createTable may annotate the Table objects it is given.
const tables = (): Table[] => [
  new Table({
    name: 'companies',
    columns: [id(), str('name', 120), str('widget_key', 64), str('plan', 20, false, { default: "'free'" }),
      text('settings'), bool('is_active', true), ms('created_at'), ms('updated_at')],
    indices: [index('uq_companies_widget_key', ['widget_key'], true)],
  }),
  new Table({
    name: 'users',
    columns: [id(), ref('company_id', true), str('email', 254), str('name', 120), str('password_hash', 100),
      str('role', 20), bool('is_active', true), int('token_version', 0), int('failed_login_count', 0),
      ms('locked_until', true), ms('last_login_at', true), int('worked_seconds_total', 0),
      ms('last_heartbeat_at', true), ms('created_at'), ms('updated_at')],
    indices: [index('uq_users_email', ['email'], true), index('ix_users_company_role', ['company_id', 'role'])],
  }),
  new Table({
    name: 'api_keys',
    columns: [id(), ref('company_id'), str('name', 100), str('prefix', 24), str('key_hash', 64),
      ref('created_by', true), ms('last_used_at', true), ms('expires_at', true), ms('revoked_at', true), ms('created_at')],
    indices: [index('uq_api_keys_hash', ['key_hash'], true), index('ix_api_keys_company', ['company_id'])],
  }),
  new Table({
    name: 'conversations',
    columns: [id(), ref('company_id'), str('visitor_id', 64), str('visitor_name', 120, true),
      str('visitor_email', 254, true), str('channel', 10, false, { default: "'widget'" }), str('status', 12),
      ref('assigned_agent_id', true), int('unsure_streak', 0), ms('queued_at', true),
      int('queue_priority', 0), ms('assigned_at', true), ms('escalated_at', true),
      ms('first_agent_response_at', true), ms('resolved_at', true), ms('created_at'), ms('updated_at')],
    indices: [
      index('ix_conversations_company_status_queue', ['company_id', 'status', 'queue_priority', 'queued_at']),
      index('ix_conversations_company_visitor', ['company_id', 'visitor_id', 'status']),
      index('ix_conversations_agent_status', ['assigned_agent_id', 'status']),
      index('ix_conversations_company_created', ['company_id', 'created_at']),
    ],
  }),
  new Table({
    name: 'messages',
    columns: [id(), ref('conversation_id'), ref('company_id'), int('seq'), str('sender_type', 10),
      ref('sender_id', true), str('sender_name', 120, true), text('text'), str('client_message_id', 64, true),
      float('confidence'), text('sources', true), text('attachments', true), ms('created_at')],
    indices: [
      index('uq_messages_conversation_seq', ['conversation_id', 'seq'], true),
      index('uq_messages_conversation_client_id', ['conversation_id', 'client_message_id'], true),
      index('ix_messages_company_created', ['company_id', 'created_at']),
    ],
  }),
  new Table({
    name: 'escalations',
    columns: [id(), ref('company_id'), ref('conversation_id'), ref('message_id', true), str('reason', 24),
      float('confidence'), text('draft', true), text('sources', true), ref('agent_id', true),
      ms('assigned_at', true), ms('first_response_at', true), ms('created_at')],
    indices: [
      index('ix_escalations_company_created', ['company_id', 'created_at']),
      index('ix_escalations_conversation', ['conversation_id', 'created_at']),
    ],
  }),
  new Table({
    name: 'agent_sessions',
    columns: [id(), ref('company_id'), ref('agent_id'), ms('started_at'), ms('ended_at', true),
      int('duration_seconds', undefined, true), str('end_reason', 20, true)],
    indices: [
      index('ix_agent_sessions_agent_started', ['agent_id', 'started_at']),
      index('ix_agent_sessions_company_started', ['company_id', 'started_at']),
      index('ix_agent_sessions_open', ['ended_at', 'agent_id']),
    ],
  }),
  new Table({
    name: 'feedback',
    columns: [id(), ref('company_id'), ref('conversation_id'), ref('agent_id', true), int('rating'),
      text('comment', true), ms('created_at')],
    indices: [
      index('uq_feedback_conversation', ['conversation_id'], true),
      index('ix_feedback_company_created', ['company_id', 'created_at']),
    ],
  }),
  new Table({
    name: 'knowledge_entries',
    columns: [id(), ref('company_id'), text('question'), text('answer'), str('category', 80, true),
      bool('is_active', true), ms('created_at'), ms('updated_at')],
    indices: [index('ix_knowledge_entries_company', ['company_id', 'updated_at'])],
  }),
  new Table({
    name: 'knowledge_chunks',
    columns: [id(), ref('company_id'), str('source_key', 500), str('title', 200), int('position'), text('text'),
      ms('created_at')],
    indices: [index('ix_knowledge_chunks_company_source', ['company_id', 'source_key', 'position'])],
  }),
  new Table({
    name: 'usage_counters',
    columns: [
      { name: 'company_id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'period', type: 'varchar', length: '7', isPrimary: true },
      { name: 'metric', type: 'varchar', length: '32', isPrimary: true },
      { name: 'value', type: 'bigint', default: 0 },
    ],
  }),
  new Table({
    name: 'audit_logs',
    columns: [id(), ref('company_id', true), ref('actor_id', true), str('actor_email', 254, true), str('action', 60),
      str('target_type', 40, true), ref('target_id', true), text('details', true), str('ip', 64, true), ms('created_at')],
    indices: [
      index('ix_audit_logs_company_created', ['company_id', 'created_at']),
      index('ix_audit_logs_action_created', ['action', 'created_at']),
      index('ix_audit_logs_actor_created', ['actor_id', 'created_at']),
    ],
  }),
];

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables()) await queryRunner.createTable(table, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables().reverse()) await queryRunner.dropTable(table.name, true);
  }
}
