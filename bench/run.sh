#!/usr/bin/env bash
# Runs every comparison against reference tools, each printing its own
# table, then one table of all of them: vault against the reference, the
# ratio, the goal and whether it is met.
# Reference tools: apt-get install sqlite3 img2pdf poppler-utils time bc
# (a missing tool stops only its own row, with the install hint).
#   bench/run.sh
cd "$(dirname "$0")"
BENCH_SUMMARY=$(mktemp)
export BENCH_SUMMARY
trap 'rm -f "$BENCH_SUMMARY"' EXIT
for b in cli attach import verify export statement; do
  echo "== $b"
  ./$b.sh || echo "(skipped: see the message above)"
  echo
done
echo "== all ($(date -u +%Y-%m-%d), $(nproc) cores)"
{
  echo "WORK|VAULT|REFERENCE|RATIO|GOAL|MET"
  cat "$BENCH_SUMMARY"
} | column -t -s '|'
