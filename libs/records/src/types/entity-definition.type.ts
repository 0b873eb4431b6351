import { ColumnDefinition } from './column-definition.type';

/**
 * A synced System A entity: its name in keys and URLs (`contact`), its table (`contacts`) and its
 * columns, named as in Postgres. One definition drives decoding, validation and the API.
 */
export interface EntityDefinition {
  name: string;
  table: string;
  columns: Readonly<Record<string, ColumnDefinition>>;
}
