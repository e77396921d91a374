#!/bin/sh
# Gives the sandbox workers' role (created, with its grants, by migration SandboxWorkerRole) a
# login and the password from SANDBOX_DB_PASSWORD. The postgres image runs this once, when it
# initialises an empty data directory; on an existing one, run it by hand (docs/operations.md, "Running at scale").
set -eu
: "${SANDBOX_DB_PASSWORD:?Set SANDBOX_DB_PASSWORD, the sandbox workers' database password}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$SANDBOX_DB_PASSWORD" <<'SQL'
SELECT 'CREATE ROLE questionbank_worker' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'questionbank_worker')
\gexec
ALTER ROLE questionbank_worker LOGIN PASSWORD :'password';
SQL
