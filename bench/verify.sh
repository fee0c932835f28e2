#!/usr/bin/env bash
# Verify throughput: `vault verify` (re-hashes every blob on all cores and
# checks the database) against `sha256sum -c` of the same files.
#
#   bench/verify.sh [FILES] [SIZE_KB] [ROUNDS]     defaults: 10000 32 3
set -euo pipefail
files=${1:-10000} size_kb=${2:-32} rounds=${3:-3}
source "$(dirname "$0")/lib.sh"
need "coreutils time bc" sha256sum /usr/bin/time bc
setup
v="$work/v"

echo "attaching $files files of $size_kb KB"
mkdir "$work/in"
head -c $((files * size_kb * 1024)) /dev/urandom | split -b $((size_kb * 1024)) -a 5 - "$work/in/f"
"$work/vault" --vault "$v" init >/dev/null
"$work/vault" --vault "$v" add order --marketplace bench --number 1 >/dev/null
"$work/vault" --vault "$v" attach file -r "$work/in" --order ORD-1 >/dev/null 2>&1
(cd "$v" && find blobs -type f | awk -F/ '{print $3 "  " $0}') > "$work/SHA256SUMS"

run() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; cat "$work/time"; }
tv="" ts="" mv=""
for r in $(seq 1 "$rounds"); do
  out=$(run "$work/vault" --vault "$v" verify); tv+="${out% *} "; mv+="${out#* } "
  echo "round $r  vault verify     ${out% *} s  ${out#* } KB peak"
  out=$(cd "$v" && run sha256sum -c --quiet "$work/SHA256SUMS"); ts+="${out% *} "
  echo "round $r  sha256sum -c     ${out% *} s"
done
tv=$(echo "$tv" | median); ts=$(echo "$ts" | median); mv=$(echo "$mv" | median)
mb=$((files * size_kb / 1024))
echo
printf "%-28s %8s %10s %12s\n" "work ($files files, $mb MB)" "median s" "MB/s" "vault/this"
printf "%-28s %8.2f %10.0f %12s\n" "vault verify" "$tv" "$(echo "$mb / $tv" | bc -l)" "1.00"
printf "%-28s %8.2f %10.0f %12.2f\n" "sha256sum -c" "$ts" "$(echo "$mb / $ts" | bc -l)" "$(echo "$ts / $tv" | bc -l)"
echo "vault peak RSS: $((mv / 1024)) MB; $(nproc) cores; goal: throughput ratio >= 0.9"
ratio=$(echo "$ts / $tv" | bc -l)
summary "verify $files blobs ($mb MB)" "$tv s" "sha256sum -c $ts s" "$(printf %.2f "$ratio") (throughput)" ">= 0.9" "$(met "$ratio" '>=' 0.9)"
