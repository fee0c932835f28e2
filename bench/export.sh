#!/usr/bin/env bash
# Export of phone screenshots: `vault export case --split --pdf` (default profile:
# 2 MB, 19 pages a file), or with PROFILE none one full-quality file, against
# `img2pdf` of the same PNGs, alternating rounds; medians, peak RSS, pages, size.
#
#   bench/export.sh [SCREENSHOTS] [ROUNDS] [PROFILE]     defaults: 100 3 default
set -euo pipefail
n=${1:-100} rounds=${2:-3} profile=${3:-default}
how=(--split)
[ "$profile" = none ] && how=(--profile none)
source "$(dirname "$0")/lib.sh"
need "img2pdf poppler-utils time bc" img2pdf pdfinfo /usr/bin/time bc
setup
go run ./bench/gen -n "$n" -dir "$work/shots"
v="$work/v"
"$work/vault" --vault "$v" init >/dev/null
"$work/vault" --vault "$v" add order --marketplace aliexpress --number 8123456789012345 >/dev/null
"$work/vault" --vault "$v" attach file -r "$work/shots" --order ORD-1 >/dev/null 2>&1
"$work/vault" --vault "$v" add case --kind chargeback --order ORD-1 >/dev/null

run() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { tail -3 "$work/err" >&2; return 1; }; cat "$work/time"; }
tv="" ti="" mv="" mi=""
for r in $(seq 1 "$rounds"); do
  if out=$(run "$work/vault" --vault "$v" export case CASE-1 "${how[@]}" --pdf "$work/vault.pdf"); then
    tv+="${out% *} "; mv+="${out#* } "
  else
    echo "vault export failed: $(tail -1 "$work/err")"; tv+="0 "
  fi
  out=$(run img2pdf "$work"/shots/*.PNG -o "$work/img2pdf.pdf"); ti+="${out% *} "; mi+="${out#* } "
  echo "round $r  vault $(echo $tv | awk "{print \$NF}")  img2pdf ${out% *}"
done
tv=$(echo "$tv" | median); ti=$(echo "$ti" | median); mv=$(echo "$mv" | median); mi=$(echo "$mi" | median)
pages() { pdfinfo "$1" 2>/dev/null | awk '/^Pages/ {print $2}'; }
echo
printf "%-30s %8s %10s %7s %10s\n" "work ($n screenshots)" "median s" "peak RSS" "pages" "size"
for f in "$work"/vault*.pdf; do printf "%-30s %8.2f %7d MB %7s %7d kB\n" "vault export: $(basename "$f")" "$tv" $((mv / 1024)) "$(pages "$f")" $(( $(stat -c %s "$f") / 1000 )); done
printf "%-30s %8.2f %7d MB %7s %7d kB\n" "img2pdf" "$ti" $((mi / 1024)) "$(pages "$work/img2pdf.pdf")" $(( $(stat -c %s "$work/img2pdf.pdf") / 1000 ))
echo "time ratio vault/img2pdf: $(echo "$tv / $ti" | bc -l | cut -c1-4) (goal <= 1.0); RSS goal < 300 MB"
ratio=$(echo "$tv / $ti" | bc -l)
summary "export $n screenshots (${how[*]})" "$tv s, $((mv / 1024)) MB" "img2pdf $ti s" "$(printf %.2f "$ratio")" "<= 1.0, < 300 MB" "$(met "$ratio" '<=' 1.0)"
