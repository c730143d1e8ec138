import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columnsFor } from '@ecg/infrastructure';

/** Requests for internet access; an approved one is the membership's grant. */
export class InternetAccessRequests1764300000000 implements MigrationInterface {
  name = 'InternetAccessRequests1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { int, text, when, uuidKey } = columnsFor(queryRunner);
    await queryRunner.createTable(
      new Table({
        name: 'internet_access_request',
        columns: [
          uuidKey(),
          text('contactId', 36, false),
          text('organizationId', 36, false),
          int('loginEssId'),
          text('userName', 254, false),
          text('fullName', 200, false),
          text('status', 10, false),
          text('reason', 500),
          text('clientAddress', 45),
          when('requestedAt', false),
          when('decidedAt'),
          text('decidedByKind', 10),
          text('decidedById', 36),
          text('decidedByName', 200),
          text('note', 500),
        ],
        indices: [
          new TableIndex({ name: 'IDX_internet_access_request_contact', columnNames: ['contactId', 'status'] }),
          new TableIndex({
            name: 'IDX_internet_access_request_organization',
            columnNames: ['organizationId', 'status'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('internet_access_request');
  }
}
