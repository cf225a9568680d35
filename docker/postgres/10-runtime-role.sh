#!/bin/sh
# First start of the PostgreSQL container: the service's runtime login, with a password.
# The migrations find it and only re-assert NOSUPERUSER NOBYPASSRLS NOINHERIT on it.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
     -v password="$COPILOT_METRICS_APP_PASSWORD" <<'SQL'
CREATE ROLE copilot_metrics_app LOGIN NOINHERIT PASSWORD :'password';
SQL
