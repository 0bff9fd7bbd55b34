#!/usr/bin/env bash
# Builds and runs the MCP benchmark: search_tickets and get_ticket through the MCP server (the MCP SDK's client over
# Streamable HTTP), beside the same reads sent straight to the query API, alternately in one run. For example:
#   bench/run-mcp-benchmark.sh                                  # what BENCHMARKS.md quotes (100,000 tickets)
#   bench/run-mcp-benchmark.sh --tickets=1000000 --database=docket_bench   # on the console benchmark's million
# PostgreSQL: DOCKET_BENCH_DB_HOST (127.0.0.1:5432), DOCKET_BENCH_DB_USER (postgres), DOCKET_BENCH_DB_PASSWORD.
exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" mcp "$@"
