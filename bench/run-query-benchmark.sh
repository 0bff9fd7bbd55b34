#!/usr/bin/env bash
# Builds and runs the query-side benchmark. Arguments go to it, for example:
#   bench/run-query-benchmark.sh                      # 1,000,000 tickets, 200 iterations per query
#   bench/run-query-benchmark.sh --tickets=50000      # a quick run
#   bench/run-query-benchmark.sh --reuse              # keep the loaded database, measure again
# PostgreSQL: DOCKET_BENCH_DB_HOST (127.0.0.1:5432), DOCKET_BENCH_DB_USER (postgres), DOCKET_BENCH_DB_PASSWORD.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
. "$repo/scripts/find-jdk.sh"
docket_find_jdk || { echo "The benchmark needs a JDK 21 or newer." >&2; exit 1; }
export JAVA_HOME="$DOCKET_JAVA_HOME"
cd "$repo"
./mvnw -q -B -Dstyle.color=never -DskipTests -pl bench -am package
exec "$JAVA_HOME/bin/java" -Xmx2g -jar bench/target/bench-*-exec.jar "$@"
