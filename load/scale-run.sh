#!/usr/bin/env bash
# The scale run of docs/reliability.md: one Open Liberty node on a PostgreSQL database holding 100,000 schedules
# and 1,000,000 executions. Measures start-up (server start to /health/ready), the API's and the console's list
# pages (p50/p95), heap after a full GC, and fire lateness over three minutes of due fires.
#
#   load/scale-run.sh [SCHEDULES] [EXECUTIONS]      (defaults 100000 1000000; about 15 minutes)
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, password postgres, or SCALE_DB_* below); the database
# backup_scheduler_scale is created when missing and kept, so a second run skips most of the seeding.
set -euo pipefail
cd "$(dirname "$0")/.."

SCHEDULES=${1:-100000}
EXECUTIONS=${2:-1000000}
DB=${SCALE_DB_NAME:-backup_scheduler_scale}
PASSWORD=${SCALE_ADMIN_PASSWORD:-scale-Admin-Pass-1}
BASE=http://localhost:9080/backup-scheduler
SERVER=target/liberty/wlp/bin/server

export BACKUP_DB=postgresql BACKUP_DB_HOST=${SCALE_DB_HOST:-127.0.0.1} BACKUP_DB_NAME=$DB
export BACKUP_DB_USER=${SCALE_DB_USER:-postgres} BACKUP_DB_PASSWORD=${SCALE_DB_PASSWORD:-postgres}
export BACKUP_SECURITY_ADMIN_PASSWORD=$PASSWORD PGPASSWORD=$BACKUP_DB_PASSWORD

psql -h "$BACKUP_DB_HOST" -U "$BACKUP_DB_USER" -d postgres -tAc "select 1 from pg_database where datname = '$DB'" | grep -q 1 \
  || psql -h "$BACKUP_DB_HOST" -U "$BACKUP_DB_USER" -d postgres -c "create database $DB" >/dev/null

await_ready() {
  for _ in $(seq 1 600); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:9080/health/ready)" = 200 ]; then return 0; fi
    sleep 0.2
  done
  echo "the server did not become ready" >&2; exit 1
}
run() { mvn -B -q -ntp test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.backupscheduler.load.ScaleRun -Dexec.args="$*"; }
trap '"$SERVER" stop defaultServer >/dev/null 2>&1 || true' EXIT

# build and lay out the server, start it once so that Flyway creates the schema, then seed the data
mvn -B -q -ntp -DskipTests package liberty:create liberty:install-feature liberty:deploy
started=$(date +%s%N)
"$SERVER" start defaultServer >/dev/null
await_ready
echo "first start, before seeding: $(( ($(date +%s%N) - started) / 1000000 )) ms from 'server start' to /health/ready"
run seed "$DB" "$SCHEDULES" "$EXECUTIONS"
"$SERVER" stop defaultServer >/dev/null

# start-up with the data in place, then the measurements
started=$(date +%s%N)
"$SERVER" start defaultServer >/dev/null
await_ready
echo "start-up: $(( ($(date +%s%N) - started) / 1000000 )) ms from 'server start' to /health/ready"
run measure "$DB" "$BASE" "$PASSWORD" 100 3
