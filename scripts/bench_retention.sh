#!/usr/bin/env bash
# The retention benchmark (issue 17), sourced by bench.sh: bench_retention KEY runs the
# retention job once over the freshly seeded dataset with the release binary, before the
# server starts (so the server's own start-up run finds nothing left and the register's
# figures are not taken beside it). The demo seed gives about a third of the ended members
# an end date 30 months ago (due under the default 24 months) and the rest 16 months ago.
# Figures: the dry run over every club, the run that anonymises, and a second run with
# nothing left to do (the daily cost of the scan). Target: the run < 30 s at 1,000,000
# members, on SQLite and PostgreSQL.
bench_retention() {
  local key="$1" out
  out="$(./target/release/tessera retention-run --dry-run 2>/dev/null | tail -n 1)"
  FIG[${key}_retention_dry]="${out:-failed}"
  out="$(./target/release/tessera retention-run 2>/dev/null | tail -n 1)"
  FIG[${key}_retention_run]="${out:-failed}"
  out="$(./target/release/tessera retention-run 2>/dev/null | tail -n 1)"
  FIG[${key}_retention_again]="${out:-failed}"
}

# bench_retention_print KEY: the figures of one dataset, for bench.sh's summary.
bench_retention_print() {
  local key="$1"
  echo "    retention ${FIG[${key}_retention_dry]:-not measured}"
  echo "    retention ${FIG[${key}_retention_run]:-not measured}"
  echo "    again: ${FIG[${key}_retention_again]:-not measured}"
}
