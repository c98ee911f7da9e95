#!/bin/sh
# The gateway's execution history: a role and a database `gateway` on the compose's PostgreSQL, what a DBA does once on
# a managed instance. Safe to run again: it creates what is missing and sets the role's password to
# GATEWAY_DB_PASSWORD. The roles create and migrate their tables themselves at start (db/migrations-pg).
# Connection settings from PGHOST, PGUSER, PGPASSWORD: a superuser, as in compose. A managed instance's admin user
# (CREATEROLE, CREATEDB, not superuser) must be a member of `gateway` to create a database it owns: run
# `grant gateway to <admin>` between the role and the database there.
set -eu
: "${GATEWAY_DB_PASSWORD:?set GATEWAY_DB_PASSWORD}"
psql -v ON_ERROR_STOP=1 -v password="$GATEWAY_DB_PASSWORD" --dbname postgres <<'SQL'
select 'create role gateway login' where not exists (select from pg_roles where rolname = 'gateway') \gexec
select format('alter role gateway password %L', :'password') \gexec
select 'create database gateway owner gateway'
  where not exists (select from pg_database where datname = 'gateway') \gexec
SQL
echo "database gateway ready"
