#!/usr/bin/env bash
# Start-up as a new user meets it (docs/benchmarks.md, "Start-up"): `mvn liberty:run` of an installed server, timed
# from the command to the first 200 of /health/ready, then stopped. The first round deletes the embedded database,
# so it applies every migration; the others start on the migrated one. For each round it prints the total and
# where the time went, read from the Maven output and the server's messages.log:
#   maven     command to "Launching" (Maven, liberty:create, install-feature's resolution, deploy)
#   runtime   launch to "Starting application" (kernel and features)
#   app       "Starting application" to "Application started" (CDI, JPA, OpenAPI, EJBs, migrations, Faces)
#   ready     application started to the first 200 of /health/ready
#
#   load/startup-time.sh [ROUNDS]      (default 3; run `mvn package -DskipTests` once before)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-3}
SERVER_DIR=target/liberty/wlp/usr/servers/defaultServer
export BACKUP_SECURITY_ADMIN_PASSWORD=${BACKUP_SECURITY_ADMIN_PASSWORD:-startup-Admin-Pass-1}

stop_server() { target/liberty/wlp/bin/server stop defaultServer >/dev/null 2>&1 || true; }
trap stop_server EXIT

# seconds since midnight of a "HH:MM:SS.mmm" or "HH:MM:SS:mmm" time
secs() { awk -F'[:.]' '{ printf "%.3f", $1 * 3600 + $2 * 60 + $3 + $4 / 1000 }' <<<"$1"; }

printf '%-6s %-10s %8s %8s %8s %8s %8s\n' round database total maven runtime app ready
for round in $(seq 1 "$ROUNDS"); do
  stop_server
  database=migrated
  if [ "$round" = 1 ]; then rm -rf "$SERVER_DIR/data"; database=empty; fi
  log=$(mktemp)
  start=$(date +%s.%N)
  mvn -B -ntp -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS \
    liberty:run >"$log" 2>&1 &
  until [ "$(curl -s -o /dev/null -w '%{http_code}' http://localhost:9080/health/ready)" = 200 ]; do
    sleep 0.1
    kill -0 $! 2>/dev/null || { echo "liberty:run ended before the server was ready; see $log" >&2; exit 1; }
  done
  end=$(date +%s.%N)
  launched=$(grep -m1 'Launching defaultServer' "$log" | cut -d' ' -f1)
  messages=$SERVER_DIR/logs/messages.log
  starting=$(grep -m1 'CWWKZ0018I' "$messages" | awk '{ print $2 }')
  started=$(grep -m1 'CWWKZ0001I' "$messages" | awk '{ print $2 }')
  t0=$(date -d @"$start" +%H:%M:%S.%N | cut -c1-12)
  t1=$(date -d @"$end" +%H:%M:%S.%N | cut -c1-12)
  printf '%-6s %-10s %8.1f %8.1f %8.1f %8.1f %8.1f\n' "$round" "$database" \
    "$(echo "$(secs "$t1") - $(secs "$t0")" | bc)" \
    "$(echo "$(secs "$launched") - $(secs "$t0")" | bc)" \
    "$(echo "$(secs "$starting") - $(secs "$launched")" | bc)" \
    "$(echo "$(secs "$started") - $(secs "$starting")" | bc)" \
    "$(echo "$(secs "$t1") - $(secs "$started")" | bc)"
  stop_server
  rm -f "$log"
done
