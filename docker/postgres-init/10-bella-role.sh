#!/bin/sh
# First start of the compose PostgreSQL: the application role BELLA_DB_USER (default `bella`, no superuser) owning the
# database `bella`.
# The superuser (postgres) keeps POSTGRES_PASSWORD and is for administrators only.
set -eu
psql -v ON_ERROR_STOP=1 -v pw="$BELLA_DB_PASSWORD" -v role="${BELLA_DB_USER:-bella}" --username "$POSTGRES_USER" --dbname postgres <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'pw';
CREATE DATABASE bella OWNER :"role";
SQL
# btree_gist (the no-overlap constraint) is created here so the application role never needs to
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname bella -c 'CREATE EXTENSION IF NOT EXISTS btree_gist'
