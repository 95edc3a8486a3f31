import { MigrationInterface, QueryRunner, Table, TableColumn, TableIndex } from 'typeorm';

// Table API like the initial schema, so the same migration runs on SQLite and PostgreSQL.
const attachments = () => new Table({
  name: 'attachments',
  columns: [
    { name: 'id', type: 'varchar', length: '36', isPrimary: true },
    { name: 'company_id', type: 'varchar', length: '36' },
    { name: 'conversation_id', type: 'varchar', length: '36' },
    { name: 'message_id', type: 'varchar', length: '36', isNullable: true },
    { name: 'uploader_type', type: 'varchar', length: '10' },
    { name: 'uploader_id', type: 'varchar', length: '64' },
    { name: 'name', type: 'varchar', length: '255' },
    { name: 'mime', type: 'varchar', length: '120' },
    { name: 'size', type: 'integer' },
    { name: 'storage_key', type: 'varchar', length: '120' },
    { name: 'created_at', type: 'bigint' },
  ],
  indices: [
    new TableIndex({ name: 'ix_attachments_conversation', columnNames: ['conversation_id', 'created_at'] }),
    new TableIndex({ name: 'ix_attachments_company_created', columnNames: ['company_id', 'created_at'] }),
  ],
});

const entrySourceIndex = () => new TableIndex({ name: 'ix_knowledge_entries_company_source', columnNames: ['company_id', 'source_key'] });

/** Chat attachments, and the source of imported knowledge entries (a CSV's name) so a re-import replaces them. */
export class SelfService1763900000000 implements MigrationInterface {
  name = 'SelfService1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(attachments(), true);
    await queryRunner.addColumn('knowledge_entries', new TableColumn({ name: 'source_key', type: 'varchar', length: '500', isNullable: true }));
    await queryRunner.createIndex('knowledge_entries', entrySourceIndex());
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('knowledge_entries', 'ix_knowledge_entries_company_source');
    await queryRunner.dropColumn('knowledge_entries', 'source_key');
    await queryRunner.dropTable('attachments', true);
  }
}
