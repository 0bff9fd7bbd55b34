#!/usr/bin/env bash
# What waking the relay costs PostgreSQL, measured with pgbench on the event store's own table and triggers:
#  1. appends that commit with the NOTIFY trigger (migrations 1-5) against appends without it (migration 6), at one
#     and at 32 clients, in turn, twice;
#  2. the relay's horizon query sent as plain text (planned on every call) against prepared (planned once).
# Needs psql and pgbench (PostgreSQL's client tools). Writes bench/results/relay-wakeup-<date>.md.
# PostgreSQL: DOCKET_BENCH_DB_HOST (127.0.0.1:5432), DOCKET_BENCH_DB_USER (postgres). It drops and creates the
# database docket_bench_wakeup. Options: --seconds=N per pgbench run (default 10).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=10
for arg in "$@"; do
    case "$arg" in
        --seconds=*) seconds="${arg#--seconds=}" ;;
        *) echo "unknown option: $arg" >&2; exit 2 ;;
    esac
done
hostport="${DOCKET_BENCH_DB_HOST:-127.0.0.1:5432}"
host="${hostport%:*}"
port="${hostport##*:}"
user="${DOCKET_BENCH_DB_USER:-postgres}"
db=docket_bench_wakeup
migrations="$repo/command-service/src/main/resources/db/migration"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
psql() { command psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user" "$@"; }

psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -d "$db" -f "$migrations/V1__event_store.sql" -f "$migrations/V2__relay_position.sql"
cat > "$work/append.sql" <<'SQL'
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, time_stamp, payload_type, payload)
VALUES (gen_random_uuid()::text, gen_random_uuid()::text, 0, now()::text, 'dev.docket.events.TicketCommentAdded',
        convert_to(repeat('x', 400), 'UTF8'));
SQL
# the horizon query exactly as the relay sends it
sed -n '/HORIZON = """/,/""";/p' "$repo/command-service/src/main/java/dev/docket/command/relay/EventLogReader.java" \
    | sed '1d;$d' > "$work/horizon.sql"
echo ";" >> "$work/horizon.sql"

tps() { # clients, script, protocol
    pgbench -h "$host" -p "$port" -U "$user" -n -c "$1" -j "$(( $1 < 2 ? 1 : 2 ))" -T "$seconds" -M "$3" -f "$2" "$db" \
        2>/dev/null | awk '/^tps/ { printf "%.0f", $3 }'
}
latency() { # clients, script, protocol
    pgbench -h "$host" -p "$port" -U "$user" -n -c "$1" -T "$seconds" -M "$3" -f "$2" "$db" \
        2>/dev/null | awk '/^latency average/ { print $4 }'
}

rows=""
for round in 1 2; do
    for clients in 1 32; do
        psql -d "$db" -c "ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_notify"
        with=$(tps "$clients" "$work/append.sql" prepared)
        psql -d "$db" -c "ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_notify"
        without=$(tps "$clients" "$work/append.sql" prepared)
        rows+="| $round | $clients | $with | $without |"$'\n'
    done
done
simple=$(latency 1 "$work/horizon.sql" simple)
prepared=$(latency 1 "$work/horizon.sql" prepared)
events=$(psql -d "$db" -At -c "SELECT count(*) FROM domain_event_entry")

out="$repo/bench/results/relay-wakeup-$(date -u +%F).md"
cat > "$out" <<EOF
# Waking the relay: what PostgreSQL pays, $(date -u +%F)

\`bench/run-relay-wakeup-benchmark.sh --seconds=$seconds\` on $(nproc) CPUs, $(psql -d "$db" -At -c "SHOW server_version").
pgbench, ${seconds} s per run, one row of a stored comment's size per transaction, through the event table's
triggers (append-only guard, order guard).

## Appends per second, with the NOTIFY trigger (migrations 1 to 5) and without it (migration 6)

| round | clients | with NOTIFY | without |
|---|---|---|---|
${rows}
## The relay's horizon query, one client, milliseconds per call ($events events in the table)

| sent as plain text (planned each time) | prepared (planned once) |
|---|---|
| $simple | $prepared |
EOF
psql -d postgres -c "DROP DATABASE $db"
echo "Wrote $out"
