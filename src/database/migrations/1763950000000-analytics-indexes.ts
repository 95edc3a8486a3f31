import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { backfillAnalytics } from '../../analytics/analytics-backfill';

const index = (name: string, columnNames: string[], where?: string) => new TableIndex({ name, columnNames, ...(where ? { where } : {}) });

// Conversations that never involved a human, with the bot or resolved: the bot-resolved count is a
// range count on this partial index. The analytics queries repeat this predicate word for word.
export const BOT_ONLY_PREDICATE =
  "status IN ('bot', 'resolved') AND escalated_at IS NULL AND queued_at IS NULL AND assigned_agent_id IS NULL AND first_agent_response_at IS NULL";

// Each analytics read is one index range scan that never touches table rows (covering or partial indexes).
const INDEXES: Array<[table: string, index: TableIndex]> = [
  ['conversations', index('ix_conversations_bot_only_created', ['company_id', 'created_at'], BOT_ONLY_PREDICATE)],
  ['conversations', index('ix_conversations_resolved_created', ['company_id', 'created_at', 'resolved_at'], 'resolved_at IS NOT NULL')],
  ['conversations', index('ix_conversations_company_resolved', ['company_id', 'resolved_at'])],
  ['escalations', index('ix_escalations_analytics_created', ['company_id', 'created_at', 'reason', 'agent_id', 'assigned_at', 'first_response_at'])],
  ['escalations', index('ix_escalations_company_agent_created', ['company_id', 'agent_id', 'created_at', 'first_response_at'])],
  ['agent_sessions', index('ix_agent_sessions_company_ended', ['company_id', 'ended_at', 'started_at', 'agent_id'])],
];

const tables = (): Table[] => [
  // Counters per company, metric, 15-minute UTC slot and dimension: messages by sender type, busy
  // milliseconds by agent, ratings by agent and score (see src/analytics/analytics-rollup.service.ts).
  new Table({
    name: 'analytics_rollups',
    // SQLite keeps the rows in primary-key order: a range of counters is read without a lookup per row.
    withoutRowid: true,
    columns: [
      { name: 'company_id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'metric', type: 'varchar', length: '32', isPrimary: true },
      { name: 'bucket_start', type: 'bigint', isPrimary: true },
      { name: 'dimension', type: 'varchar', length: '64', isPrimary: true },
      { name: 'value', type: 'bigint', default: 0 },
    ],
  }),
  // Who held which conversation from when to when: conversations handled and online-but-idle time.
  new Table({
    name: 'analytics_assignment_spans',
    columns: [
      { name: 'id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'company_id', type: 'varchar', length: '36' },
      { name: 'agent_id', type: 'varchar', length: '36' },
      { name: 'conversation_id', type: 'varchar', length: '36' },
      { name: 'started_at', type: 'bigint' },
      { name: 'ended_at', type: 'bigint', isNullable: true },
    ],
    indices: [
      index('ix_assignment_spans_company_ended', ['company_id', 'ended_at', 'started_at', 'agent_id', 'conversation_id']),
      index('ix_assignment_spans_company_started', ['company_id', 'started_at', 'agent_id', 'conversation_id']),
      index('ix_assignment_spans_agent_ended', ['agent_id', 'ended_at', 'started_at']),
      index('ix_assignment_spans_conversation', ['conversation_id', 'ended_at']),
    ],
  }),
];

export class AnalyticsIndexes1763950000000 implements MigrationInterface {
  name = 'AnalyticsIndexes1763950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, idx] of INDEXES) await queryRunner.createIndex(table, idx);
    for (const table of tables()) await queryRunner.createTable(table, true);
    // Existing deployments start with counters and spans that match their history (ratings: at first start,
    // from the feedback store, which may not be this database).
    await backfillAnalytics(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables().reverse()) await queryRunner.dropTable(table.name, true);
    for (const [table, idx] of [...INDEXES].reverse()) await queryRunner.dropIndex(table, idx.name as string);
  }
}
