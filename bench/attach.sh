#!/usr/bin/env bash
# Attach throughput: `vault attach file --recursive` against what a user would
# otherwise run on the same files, `sha256sum` then `cp` (and the same with a
# final `sync`, since vault makes every blob durable with fsync and cp does
# not). Rounds alternate; medians and peak RSS are reported with the ratios.
#
#   bench/attach.sh [SIZE_MB] [FILES] [ROUNDS]     defaults: 1024 64 3
#
# Needs coreutils and GNU time (/usr/bin/time: apt-get install time).
set -euo pipefail
size_mb=${1:-1024} files=${2:-64} rounds=${3:-3}
source "$(dirname "$0")/lib.sh"
need "coreutils time" sha256sum cp /usr/bin/time
setup

echo "generating $files files, $size_mb MB in all, in $work/in"
mkdir "$work/in"
per=$(( size_mb * 1024 * 1024 / files ))
for i in $(seq -w 1 "$files"); do head -c "$per" /dev/urandom > "$work/in/file-$i.bin"; done

# run NAME CMD...: time one command, print "seconds peak_kb".
run() {
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}
reference() { sha256sum "$work"/in/* >/dev/null && cp -r "$work/in" "$work/copy"; }
reference_sync() { reference && sync; }
export -f reference reference_sync
export work

declare -A t m
for r in $(seq 1 "$rounds"); do
  for what in vault reference reference_sync; do
    rm -rf "$work/copy"; [ -d "$work/v" ] && chmod -R u+w "$work/v" && rm -rf "$work/v"
    sync
    case $what in
      vault) # untimed: a fresh vault with an order to attach to
             "$work/vault" --vault "$work/v" init >/dev/null
             "$work/vault" --vault "$work/v" add order --marketplace bench --number 1 >/dev/null
             out=$(run "$work/vault" --vault "$work/v" attach file -r "$work/in" --order ORD-1) ;;
      *) out=$(run bash -c "$what") ;;
    esac
    t[$what]+="${out% *} "; m[$what]+="${out#* } "
    echo "round $r  $what  ${out% *} s  ${out#* } KB peak"
  done
done

tv=$(echo "${t[vault]}" | median); tr=$(echo "${t[reference]}" | median); ts=$(echo "${t[reference_sync]}" | median)
mv=$(echo "${m[vault]}" | median)
echo
printf "%-34s %8s %10s %14s\n" "work ($files files, $size_mb MB)" "median s" "MB/s" "vault/this"
printf "%-34s %8.2f %10.0f %14s\n" "vault attach file -r" "$tv" "$(echo "$size_mb / $tv" | bc -l)" "1.00"
printf "%-34s %8.2f %10.0f %14.2f\n" "sha256sum + cp" "$tr" "$(echo "$size_mb / $tr" | bc -l)" "$(echo "$tr / $tv" | bc -l)"
printf "%-34s %8.2f %10.0f %14.2f\n" "sha256sum + cp + sync" "$ts" "$(echo "$size_mb / $ts" | bc -l)" "$(echo "$ts / $tv" | bc -l)"
echo "vault peak RSS: $((mv / 1024)) MB   (throughput ratio vault/reference = reference time / vault time; goal >= 0.9)"
ratio=$(echo "$tr / $tv" | bc -l)
summary "attach $size_mb MB in $files files" "$tv s, $((mv / 1024)) MB" "sha256sum + cp $tr s" "$(printf %.2f "$ratio") (throughput)" ">= 0.9" "$(met "$ratio" '>=' 0.9)"
