# Shared by the bench scripts, sourced after `set -euo pipefail`: run from
# the repository root, check the reference tools, build vault into a work
# directory removed on exit.

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# need "PACKAGES" TOOL...: stop with an install hint when a tool is missing.
need() {
  local pkgs=$1 tool
  shift
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install $pkgs" >&2; exit 1; }
  done
}

# setup: $work, a directory removed on exit, with $work/vault built in it.
setup() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/vault-bench.XXXXXX")
  trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
  CGO_ENABLED=0 go build -o "$work/vault" ./cmd/vault
}

# median: the median of the numbers read, separated by spaces or newlines.
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# summary WORK VAULT REFERENCE RATIO GOAL MET: one row of the combined table
# that bench/run.sh prints at the end (when it set $BENCH_SUMMARY).
summary() {
  [ -n "${BENCH_SUMMARY:-}" ] && printf '%s|%s|%s|%s|%s|%s\n' "$@" >> "$BENCH_SUMMARY"
  return 0
}

# met RATIO OP GOAL: "yes" when RATIO OP GOAL holds (OP is <= or >=).
met() { if [ "$(echo "$1 $2 $3" | bc -l)" = 1 ]; then echo yes; else echo no; fi; }
