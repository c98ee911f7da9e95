#!/bin/sh
# Temporal's two databases on PostgreSQL, with the server's own temporal-sql-tool (the admin-tools image), as
# `npm run cluster` does on one machine (bin/cluster/schema.ts). Safe to run again: create-database and setup-schema
# fail harmlessly on a database that has them, and update-schema only applies versions the database lacks.
# Needs SQL_HOST, SQL_PORT, SQL_USER, SQL_PASSWORD (temporal-sql-tool reads them) and optionally SQL_TLS=true.
set -eu

for db in temporal temporal_visibility; do
  schema=temporal
  [ "$db" = temporal_visibility ] && schema=visibility
  temporal-sql-tool --plugin postgres12 --db "$db" create-database || echo "$db: exists"
  temporal-sql-tool --plugin postgres12 --db "$db" setup-schema -v 0.0 || echo "$db: versioning tables exist"
  temporal-sql-tool --plugin postgres12 --db "$db" update-schema -d "/etc/temporal/schema/postgresql/v12/$schema/versioned"
done
echo 'Temporal schemas are current'
