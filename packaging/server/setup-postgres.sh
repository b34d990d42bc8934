#!/usr/bin/env bash
# Makes the Fieldcase server's PostgreSQL role and database (safe to run again), then migrates it.
#   sudo packaging/server/setup-postgres.sh [--role fieldcase] [--database fieldcase] [--password-stdin]
#                                           [--no-migrate]
# Without --password-stdin the role has no password: the service connects over the local socket
# with peer authentication (its system user has the role's name). Run as root on the database host.
set -euo pipefail

role=fieldcase
database=fieldcase
password=""
migrate=1
while [ $# -gt 0 ]; do
  case "$1" in
    --role) role="$2"; shift 2 ;;
    --database) database="$2"; shift 2 ;;
    --password-stdin) IFS= read -r password; shift ;;
    --no-migrate) migrate=0; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "setup-postgres: unknown option $1" >&2; exit 2 ;;
  esac
done
for name in "$role" "$database"; do
  [[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || { echo "setup-postgres: bad name '$name'" >&2; exit 2; }
done

psql_as_postgres() {
  if [ "$(id -un)" = postgres ]; then psql -v ON_ERROR_STOP=1 -qAt "$@"; else runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"; fi
}

if [ "$(psql_as_postgres -c "SELECT 1 FROM pg_roles WHERE rolname = '$role'")" != 1 ]; then
  psql_as_postgres -c "CREATE ROLE \"$role\" LOGIN"
  echo "setup-postgres: role $role created"
fi
if [ -n "$password" ]; then
  psql_as_postgres -v pw="$password" <<SQL
ALTER ROLE "$role" PASSWORD :'pw';
SQL
fi
if [ "$(psql_as_postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != 1 ]; then
  psql_as_postgres -c "CREATE DATABASE \"$database\" OWNER \"$role\" ENCODING 'UTF8' TEMPLATE template0"
  echo "setup-postgres: database $database created"
fi
# PostgreSQL 15 no longer lets every role create in the public schema: the owner gets it.
psql_as_postgres -d "$database" -c "ALTER SCHEMA public OWNER TO \"$role\""

if [ "$migrate" = 1 ]; then
  bin="${FIELDCASE_SERVER_BIN:-/opt/fieldcase-server/bin/fieldcase-server}"
  url="postgresql:///$database"
  if [ "$(id -un)" = "$role" ]; then
    "$bin" --database "$url" migrate
  elif id -u "$role" >/dev/null 2>&1; then
    runuser -u "$role" -- "$bin" --database "$url" migrate
  else
    echo "setup-postgres: no system user $role for peer authentication; migrate as it later:" >&2
    echo "  $bin --database $url migrate" >&2
  fi
fi
echo "setup-postgres: FIELDCASE_DATABASE_URL=postgresql:///$database"
