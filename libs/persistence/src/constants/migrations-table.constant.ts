/** Where TypeORM records the migrations that ran (in the `syncline` schema). */
export const MIGRATIONS_TABLE = 'syncline_migrations';
