#!/bin/sh
# Runs once, on an empty data directory (/docker-entrypoint-initdb.d). The same provisioning as
# scripts/stack (pg_provision): the application database and its owner, and Debezium's
# least-privilege role: LOGIN + REPLICATION, CONNECT and USAGE only. The publication and Debezium's
# signal and heartbeat tables come from the migration, the demo tables and their SELECT grant from
# the demo fixture (both in the bootstrap Job).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  --set=app_user="$SYNCLINE_PG_USER" --set=app_password="$SYNCLINE_PG_PASSWORD" \
  --set=cdc_role="$SYNCLINE_CDC_ROLE" --set=cdc_password="$SYNCLINE_CDC_PASSWORD" \
  --set=db="$SYNCLINE_PG_DATABASE" <<'SQL'
CREATE ROLE :"app_user" LOGIN PASSWORD :'app_password';
CREATE ROLE :"cdc_role" LOGIN REPLICATION PASSWORD :'cdc_password';
CREATE DATABASE :"db" OWNER :"app_user";
GRANT CONNECT ON DATABASE :"db" TO :"cdc_role";
\connect :"db"
GRANT USAGE ON SCHEMA public TO :"cdc_role";
SQL
