import { Pool } from 'pg';
import { ColumnDefinition } from '../types/column-definition.type';
import { ColumnKind } from '../types/column-kind.type';
import { CatalogColumn, CatalogTable, TableName } from './catalog-table.type';

/** Built-in types by name (pg_catalog), with the kind their values take. */
const BUILTIN_KINDS: Readonly<Record<string, ColumnKind>> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  numeric: 'numeric',
  float4: 'real',
  float8: 'double',
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  bool: 'boolean',
  uuid: 'uuid',
  date: 'date',
  time: 'time',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  interval: 'interval',
  json: 'json',
  jsonb: 'jsonb',
  bytea: 'bytea',
};

interface TypeRow {
  oid: number;
  typname: string;
  nspname: string;
  typtype: string;
  typcategory: string;
  typelem: number;
  typbasetype: number;
  typtypmod: number;
  typnotnull: boolean;
  labels: string[] | null;
}

/**
 * The tables a publication publishes (what Debezium captures), but Syncline's own schema
 * `syncline`: Debezium's signal and heartbeat tables are published and never collections.
 */
export async function readPublicationTables(pool: Pool, publication: string): Promise<TableName[]> {
  const { rows } = await pool.query<{ schemaname: string; tablename: string }>(
    `SELECT schemaname, tablename FROM pg_publication_tables
      WHERE pubname = $1 AND schemaname <> 'syncline' ORDER BY 1, 2`,
    [publication],
  );
  return rows.map((row) => ({ schema: row.schemaname, table: row.tablename }));
}

/**
 * Reads what Postgres knows about some tables: columns in table order with types resolved
 * through domains, arrays and enums, nullability, defaults, identity and generated columns, and
 * the primary key. Tables that do not exist are absent from the result.
 */
export async function readCatalog(
  pool: Pool,
  tables: readonly TableName[],
): Promise<CatalogTable[]> {
  if (tables.length === 0) return [];
  const { rows: columnRows } = await pool.query<{
    table_oid: number;
    schema: string;
    table: string;
    name: string;
    not_null: boolean;
    has_default: boolean;
    server_set: boolean;
    pg_type: string;
    type_oid: number;
    typmod: number;
  }>(
    `SELECT c.oid::int AS table_oid, n.nspname AS schema, c.relname AS table, a.attname AS name,
            a.attnotnull AS not_null, a.atthasdef AS has_default,
            (a.attidentity <> '' OR a.attgenerated <> '') AS server_set,
            format_type(a.atttypid, a.atttypmod) AS pg_type, a.atttypid::int AS type_oid,
            a.atttypmod AS typmod
       FROM unnest($1::text[], $2::text[]) AS wanted(schema, tbl)
       JOIN pg_namespace n ON n.nspname = wanted.schema
       JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.tbl
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY n.nspname, c.relname, a.attnum`,
    [tables.map((t) => t.schema), tables.map((t) => t.table)],
  );
  const tableOids = [...new Set(columnRows.map((row) => row.table_oid))];
  const { rows: keyRows } = await pool.query<{ table_oid: number; columns: string[] }>(
    `SELECT i.indrelid::int AS table_oid, array_agg(a.attname::text ORDER BY k.ord) AS columns
       FROM pg_index i
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
      WHERE i.indisprimary AND i.indrelid = ANY($1::oid[])
      GROUP BY i.indrelid`,
    [tableOids],
  );
  const types = await readTypes(
    pool,
    columnRows.map((row) => row.type_oid),
  );
  const primaryKeys = new Map(keyRows.map((row) => [row.table_oid, row.columns]));
  const byTable = new Map<number, CatalogTable>();
  for (const row of columnRows) {
    let table = byTable.get(row.table_oid);
    if (!table) {
      table = {
        schema: row.schema,
        table: row.table,
        primaryKey: primaryKeys.get(row.table_oid) ?? [],
        columns: [],
      };
      byTable.set(row.table_oid, table);
    }
    const column: CatalogColumn = {
      name: row.name,
      serverSet: row.server_set,
      definition: resolveColumn(types, row.type_oid, row.typmod, row.pg_type, {
        nullable: !row.not_null,
        hasDefault: row.has_default,
      }),
    };
    table.columns.push(column);
  }
  return [...byTable.values()];
}

/** pg_type rows for `oids` and every type they are built on (domain bases, array elements). */
async function readTypes(pool: Pool, oids: number[]): Promise<Map<number, TypeRow>> {
  const types = new Map<number, TypeRow>();
  let pending = [...new Set(oids)];
  while (pending.length > 0) {
    const { rows } = await pool.query<TypeRow>(
      `SELECT t.oid::int AS oid, t.typname, nt.nspname, t.typtype, t.typcategory,
              t.typelem::int AS typelem, t.typbasetype::int AS typbasetype, t.typtypmod,
              t.typnotnull,
              (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder)
                 FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels
         FROM pg_type t JOIN pg_namespace nt ON nt.oid = t.typnamespace
        WHERE t.oid = ANY($1::oid[])`,
      [pending],
    );
    for (const row of rows) types.set(row.oid, row);
    pending = rows
      .flatMap((row) => [row.typelem, row.typbasetype])
      .filter((oid) => oid !== 0 && !types.has(oid));
  }
  return types;
}

function resolveColumn(
  types: Map<number, TypeRow>,
  typeOid: number,
  typmod: number,
  pgType: string,
  flags: { nullable: boolean; hasDefault: boolean },
): ColumnDefinition {
  const type = types.get(typeOid);
  if (!type) return { kind: 'unsupported', pgType, ...flags };
  if (type.typtype === 'd') {
    // A domain is its base type (with the domain's own type modifier and NOT NULL).
    const base = resolveColumn(
      types,
      type.typbasetype,
      type.typtypmod >= 0 ? type.typtypmod : typmod,
      pgType,
      { ...flags, nullable: flags.nullable && !type.typnotnull },
    );
    return { ...base, pgType };
  }
  if (type.typcategory === 'A' && type.typelem !== 0) {
    const element = resolveColumn(types, type.typelem, typmod, pgType.replace(/\[\]$/, ''), {
      nullable: true,
      hasDefault: false,
    });
    return { kind: 'array', pgType, element, ...flags };
  }
  if (type.typtype === 'e') return { kind: 'enum', pgType, values: type.labels ?? [], ...flags };
  const kind = type.nspname === 'pg_catalog' ? BUILTIN_KINDS[type.typname] : undefined;
  if (!kind) return { kind: 'unsupported', pgType, ...flags };
  return { kind, pgType, ...typeModifiers(type.typname, typmod), ...flags };
}

/** What a type modifier says: varchar(n) / char(n) length, numeric(p, s), time(p) precision. */
function typeModifiers(
  typname: string,
  typmod: number,
): Pick<ColumnDefinition, 'maxLength' | 'precision' | 'scale'> {
  if (typmod < 0) return {};
  switch (typname) {
    case 'varchar':
    case 'bpchar':
      return { maxLength: typmod - 4 };
    case 'numeric':
      return { precision: ((typmod - 4) >> 16) & 0xffff, scale: (typmod - 4) & 0xffff };
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return { precision: typmod };
    default:
      return {};
  }
}
