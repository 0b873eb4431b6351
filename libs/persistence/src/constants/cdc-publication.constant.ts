/**
 * The default Postgres publication Debezium reads (`SYNCLINE_PUBLICATION`; pgoutput,
 * `publication.autocreate.mode=disabled`). Created empty by `prepareSource`; its tables are the
 * collections, plus Debezium's signal and heartbeat tables.
 */
export const CDC_PUBLICATION = 'syncline_cdc';
