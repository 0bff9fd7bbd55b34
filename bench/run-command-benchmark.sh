#!/usr/bin/env bash
# Builds the services and runs the command-side benchmark (command path with its two baselines, long tickets,
# end-to-end lag, rebuild beside COPY). Arguments go to it, for example:
#   bench/run-command-benchmark.sh                              # 1, 8, 32, 64 clients; 20 s each
#   bench/run-command-benchmark.sh --clients=8 --seconds=5      # a quick run
# PostgreSQL: DOCKET_BENCH_DB_HOST (127.0.0.1:5432), DOCKET_BENCH_DB_USER (postgres), DOCKET_BENCH_DB_PASSWORD.
# It drops and creates the databases docket_bench_command, docket_bench_query and docket_bench_crud.
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" command "$@"
