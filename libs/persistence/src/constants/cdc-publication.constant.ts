/**
 * The Postgres publication Debezium reads (pgoutput, `publication.autocreate.mode=disabled`).
 * Created by the InitSystemA migration, which spells the name literally: migrations are frozen.
 */
export const CDC_PUBLICATION = 'syncline_cdc';
