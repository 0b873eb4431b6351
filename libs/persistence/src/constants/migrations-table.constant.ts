/** Where TypeORM records the migrations that ran. */
export const MIGRATIONS_TABLE = 'syncline_migrations';
