import { DEBEZIUM_TABLES } from '../constants/debezium-tables.constant';
import { SYNCLINE_SCHEMA } from '../constants/syncline-schema.constant';

/** Anything that runs SQL: a pg Pool or Client, or a TypeORM DataSource/QueryRunner. */
export interface SqlRunner {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export interface SourceSettings {
  /** Validated plain identifiers (libs/config): safe inside SQL. */
  publication: string;
  cdcRole: string;
}

/**
 * Prepares the SOURCE database for CDC, idempotently: the `syncline` schema with Debezium's
 * signal and heartbeat tables, the publication (created empty when missing: tables join it one by
 * one, through `syncctl collections add` or the operator's own ALTER PUBLICATION), those two
 * tables in it, and their grants to the CDC role. Touches no user table.
 */
export async function prepareSource(db: SqlRunner, settings: SourceSettings): Promise<void> {
  const { publication, cdcRole } = settings;
  const signal = `${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.signal}`;
  const heartbeat = `${SYNCLINE_SCHEMA}.${DEBEZIUM_TABLES.heartbeat}`;
  await db.query(`
    CREATE SCHEMA IF NOT EXISTS ${SYNCLINE_SCHEMA};
    -- Debezium's signal table: id, type, data (its documented shape).
    CREATE TABLE IF NOT EXISTS ${signal} (
      id    varchar(64) PRIMARY KEY,
      type  varchar(32) NOT NULL,
      data  text
    );
    -- One row, rewritten by the connector's heartbeat.action.query.
    CREATE TABLE IF NOT EXISTS ${heartbeat} (
      id       smallint PRIMARY KEY,
      beat_at  timestamptz NOT NULL DEFAULT now()
    );
    DO $publish$
    DECLARE
      wanted text;
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_publication WHERE pubname = '${publication}') THEN
        CREATE PUBLICATION ${publication};
      END IF;
      IF (SELECT puballtables FROM pg_publication WHERE pubname = '${publication}') THEN
        RETURN; -- FOR ALL TABLES already publishes them
      END IF;
      FOREACH wanted IN ARRAY ARRAY['${signal}', '${heartbeat}'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_publication_rel pr JOIN pg_publication p ON p.oid = pr.prpubid
                        WHERE p.pubname = '${publication}' AND pr.prrelid = wanted::regclass) THEN
          EXECUTE format('ALTER PUBLICATION %I ADD TABLE %s', '${publication}', wanted);
        END IF;
      END LOOP;
    END
    $publish$;
    DO $grant$
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${cdcRole}') THEN
        GRANT USAGE ON SCHEMA ${SYNCLINE_SCHEMA} TO ${cdcRole};
        -- the connector writes the snapshot watermarks and the heartbeat itself
        GRANT SELECT, INSERT, UPDATE, DELETE ON ${signal}, ${heartbeat} TO ${cdcRole};
      ELSE
        RAISE NOTICE 'role ${cdcRole} does not exist: skipping CDC grants';
      END IF;
    END
    $grant$;
  `);
}

/**
 * Syncline tables the publication wrongly publishes (a control-plane table in the source
 * database's publication): anything of the `syncline` schema but the signal and heartbeat tables.
 */
export async function publishedControlTables(
  db: SqlRunner,
  publication: string,
): Promise<string[]> {
  const rows = (await db.query(
    `SELECT schemaname || '.' || tablename AS name FROM pg_publication_tables
      WHERE pubname = $1 AND schemaname = $2 AND tablename <> ALL($3::text[]) ORDER BY 1`,
    [publication, SYNCLINE_SCHEMA, Object.values(DEBEZIUM_TABLES)],
  )) as { rows?: { name: string }[] } | { name: string }[];
  const list = Array.isArray(rows) ? rows : (rows.rows ?? []);
  return list.map((row) => row.name);
}
