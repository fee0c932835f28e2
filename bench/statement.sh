#!/usr/bin/env bash
# Importing a statement of N lines (a named-column CSV, as a bank exports)
# with `vault import statement`, against `sqlite3 .import` of the same CSV
# into a table; alternating rounds, medians. Goal: at most 3x.
#
#   bench/statement.sh [LINES] [ROUNDS]     defaults: 10000 3
set -euo pipefail
n=${1:-10000} rounds=${2:-3}
source "$(dirname "$0")/lib.sh"
need "sqlite3 time bc" sqlite3 /usr/bin/time bc
setup
csv="$work/statement.csv"
awk -v n="$n" 'BEGIN {
  print "Dato;Forklaring;Ut;Inn"
  for (i = 1; i <= n; i++) {
    d = sprintf("%02d.%02d.2026", 1 + i % 28, 1 + i % 12)
    if (i % 10 == 0) printf "%s;Retur TEMU.COM %d;;%d,%02d\n", d, i, 100 + i % 900, i % 100
    else printf "%s;Varekjøp ALIEXPRESS.COM Luxembourg %d;%d,%02d;\n", d, i, 10 + i % 2000, i % 100
  }
}' > "$csv"
run() { /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { tail -3 "$work/err" >&2; return 1; }; cat "$work/time"; }
tv="" ts="" mv=""
for r in $(seq 1 "$rounds"); do
  rm -rf "$work/v" "$work/ref.db"
  "$work/vault" --vault "$work/v" init >/dev/null
  out=$(run "$work/vault" --vault "$work/v" import statement "$csv" --columns date=1,text=2,out=3,in=4 --decimal , --date-format 02.01.2006 --currency NOK)
  tv+="${out% *} "; mv+="${out#* } "
  out=$(run sqlite3 "$work/ref.db" ".mode csv" ".separator ;" ".import $csv lines")
  ts+="${out% *} "
  echo "round $r  vault ${tv##* }  sqlite3 ${out% *}"
done
lines=$("$work/vault" --vault "$work/v" transactions --json | grep -c '"id": "TX-')
tv=$(echo "$tv" | median); ts=$(echo "$ts" | median); mv=$(echo "$mv" | median)
ratio=$(echo "$tv / $ts" | bc -l)
echo
echo "import of $n lines: vault $tv s ($((mv / 1024)) MB RSS, $lines lines recorded), sqlite3 .import $ts s"
echo "time ratio vault/sqlite3: $(printf %.2f "$ratio") (goal <= 3.0)"
summary "import a $n-line statement" "$tv s, $((mv / 1024)) MB" "sqlite3 .import $ts s" "$(printf %.2f "$ratio")" "<= 3.0" "$(met "$ratio" '<=' 3.0)"
