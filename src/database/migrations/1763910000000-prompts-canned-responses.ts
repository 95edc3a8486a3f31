import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

const tables = (): Table[] => [
  new Table({
    name: 'system_prompts',
    columns: [
      { name: 'id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'company_id', type: 'varchar', length: '36' },
      { name: 'name', type: 'varchar', length: '100' },
      { name: 'content', type: 'text' },
      { name: 'is_active', type: 'boolean', default: false },
      { name: 'created_at', type: 'bigint' },
      { name: 'updated_at', type: 'bigint' },
    ],
    indices: [new TableIndex({ name: 'ix_system_prompts_company', columnNames: ['company_id', 'is_active'] })],
  }),
  new Table({
    name: 'canned_responses',
    columns: [
      { name: 'id', type: 'varchar', length: '36', isPrimary: true },
      { name: 'company_id', type: 'varchar', length: '36' },
      { name: 'title', type: 'varchar', length: '100' },
      { name: 'text', type: 'text' },
      { name: 'shortcut', type: 'varchar', length: '40', isNullable: true },
      { name: 'created_at', type: 'bigint' },
      { name: 'updated_at', type: 'bigint' },
    ],
    indices: [new TableIndex({ name: 'ix_canned_responses_company', columnNames: ['company_id', 'title'] })],
  }),
];

/** Bot prompts (the OpenAI answerer uses the active one) and agents' canned responses. */
export class PromptsCannedResponses1763910000000 implements MigrationInterface {
  name = 'PromptsCannedResponses1763910000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables()) await queryRunner.createTable(table, true);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of tables().reverse()) await queryRunner.dropTable(table.name, true);
  }
}
