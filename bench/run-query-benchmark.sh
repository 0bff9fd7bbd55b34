#!/usr/bin/env bash
# Builds and runs the query-side benchmark. Arguments go to it, for example:
#   bench/run-query-benchmark.sh                      # 1,000,000 tickets, 200 iterations per query
#   bench/run-query-benchmark.sh --tickets=50000      # a quick run
#   bench/run-query-benchmark.sh --reuse              # keep the loaded database, measure again
# PostgreSQL: DOCKET_BENCH_DB_HOST (127.0.0.1:5432), DOCKET_BENCH_DB_USER (postgres), DOCKET_BENCH_DB_PASSWORD.
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" query "$@"
