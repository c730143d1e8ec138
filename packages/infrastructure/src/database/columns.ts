import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column builders for migrations, written once for every driver: each type goes through the
 * driver's own normalization, as TypeORM does for entities, so one migration fits MySQL and SQLite
 * and produces exactly the schema the entities describe.
 */
export function columnsFor(queryRunner: QueryRunner) {
  const driver = queryRunner.connection.driver;
  const types = driver.mappedDataTypes;
  const int = driver.normalizeType({ type: 'int' });
  // SQLite has no ON UPDATE; TypeORM sets `updatedAt` itself there.
  const isMysql = driver.options.type === 'mysql' || driver.options.type === 'mariadb';
  return {
    /** A UUID primary key. */
    uuidKey: (name = 'id'): TableColumnOptions => ({ name, type: 'varchar', length: '36', isPrimary: true }),
    text: (name: string, length: number, nullable = true): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    }),
    int: (name: string): TableColumnOptions => ({ name, type: int }),
    serialKey: (name: string): TableColumnOptions => ({
      name,
      type: int,
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    counter: (name: string): TableColumnOptions => ({ name, type: int, default: 0 }),
    // Booleans default to 1/0: what both drivers read back for `default: true/false` on an entity.
    flag: (name: string, fallback: boolean): TableColumnOptions => ({
      name,
      type: driver.normalizeType({ type: 'boolean' }),
      default: fallback ? 1 : 0,
    }),
    when: (name: string, nullable = true): TableColumnOptions => ({ name, type: 'datetime', isNullable: nullable }),
    /** `createdAt`, `updatedAt`, `version`: TypeORM's `@CreateDateColumn`, `@UpdateDateColumn`, `@VersionColumn`. */
    bookkeeping: (): TableColumnOptions[] => [
      {
        name: 'createdAt',
        type: driver.normalizeType({ type: types.createDate }),
        precision: types.createDatePrecision,
        default: types.createDateDefault,
      },
      {
        name: 'updatedAt',
        type: driver.normalizeType({ type: types.updateDate }),
        precision: types.updateDatePrecision,
        default: types.updateDateDefault,
        onUpdate: isMysql ? types.updateDateDefault : undefined,
      },
      { name: 'version', type: driver.normalizeType({ type: types.version }) },
    ],
  };
}
