#!/usr/bin/env bash
# Builds what the benchmarks run and starts one of them: bench/bench.sh query|command|history [--option=value ...].
# run-query-benchmark.sh and run-command-benchmark.sh call it; see bench/README.md.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=../scripts/find-jdk.sh
. "$repo/scripts/find-jdk.sh"
docket_find_jdk || { echo "The benchmarks need a JDK 21 or newer." >&2; exit 1; }
export JAVA_HOME="$DOCKET_JAVA_HOME"
cd "$repo"
./mvnw -q -B -Dstyle.color=never -DskipTests -pl command-service,query-service,console,mcp-server,bench/crud-baseline,bench -am package
heap=-Xmx1g
[ "${1:-}" = query ] || [ "${1:-}" = history ] || [ "${1:-}" = console ] || [ "${1:-}" = mcp ] && heap=-Xmx2g
exec "$JAVA_HOME/bin/java" "$heap" -jar bench/target/bench-*-exec.jar "$@"
