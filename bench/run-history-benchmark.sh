#!/usr/bin/env bash
# Builds and runs the time-travel benchmark: the ticket as of a version or an instant and diffs, on tickets of 1,000
# and 10,000 events, beside the live view; the audit export and its offline verification, beside the service's own
# check of the store. Arguments go to it, for example:
#   bench/run-history-benchmark.sh                                # what BENCHMARKS.md quotes
#   bench/run-history-benchmark.sh --iterations=50 --export-events=5000   # a quick run
# PostgreSQL: DOCKET_BENCH_DB_HOST (127.0.0.1:5432), DOCKET_BENCH_DB_USER (postgres), DOCKET_BENCH_DB_PASSWORD.
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" history "$@"
