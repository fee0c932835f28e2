#!/usr/bin/env bash
# Runs every comparison against reference tools, each printing its table.
# Reference tools: apt-get install sqlite3 img2pdf poppler-utils time bc
# (a missing tool stops only its own row, with the install hint).
#   bench/run.sh
cd "$(dirname "$0")"
for b in cli attach import verify export; do
  echo "== $b"
  ./$b.sh || echo "(skipped: see the message above)"
  echo
done
