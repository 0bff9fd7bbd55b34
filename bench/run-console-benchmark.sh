#!/usr/bin/env bash
# Builds and runs the console benchmark: the time from a change's 2xx to its paint in an agent's open ticket page
# (Debian's Chromium), beside the read side's own lag; and the console's pages at a million tickets, beside the query
# API calls each page makes. Arguments go to it, for example:
#   bench/run-console-benchmark.sh                                   # what BENCHMARKS.md quotes
#   bench/run-console-benchmark.sh --phases=paint --changes=50       # a quick run
#   bench/run-console-benchmark.sh --phases=pages --iterations=50    # pages on the database run-query-benchmark.sh loaded
# PostgreSQL: DOCKET_BENCH_DB_HOST (127.0.0.1:5432), DOCKET_BENCH_DB_USER (postgres), DOCKET_BENCH_DB_PASSWORD.
# Chromium: /usr/bin/chromium and /usr/bin/chromedriver (DOCKET_CHROMIUM, DOCKET_CHROMEDRIVER).
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" console "$@"
