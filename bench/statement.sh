#!/usr/bin/env bash
# Importing a statement of N lines (a named-column CSV, as a bank exports)
# with `vault import statement`, against `sqlite3 .import` of the same CSV
# into a table; alternating rounds, medians. Goal: at most 3x.
#
#   bench/statement.sh [LINES] [ROUNDS]     defaults: 10000 7
set -euo pipefail
n=${1:-10000} rounds=${2:-7}
source "$(dirname "$0")/lib.sh"
need "sqlite3 time bc" sqlite3 /usr/bin/time bc
setup
CGO_ENABLED=0 go build -o "$work/floor" ./bench/floor
csv="$work/statement.csv"
awk -v n="$n" 'BEGIN {
  print "Dato;Forklaring;Ut;Inn"
  for (i = 1; i <= n; i++) {
    d = sprintf("%02d.%02d.2026", 1 + i % 28, 1 + i % 12)
    if (i % 10 == 0) printf "%s;Retur TEMU.COM %d;;%d,%02d\n", d, i, 100 + i % 900, i % 100
    else printf "%s;Varekjøp ALIEXPRESS.COM Luxembourg %d;%d,%02d;\n", d, i, 10 + i % 2000, i % 100
  }
}' > "$csv"
# ms CMD...: the command's wall time in milliseconds (its output dropped).
ms() {
  local s e
  s=$(date +%s%N); "$@" >/dev/null 2>"$work/err" || { tail -3 "$work/err" >&2; return 1; }; e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
import() { "$work/vault" --vault "$work/v" import statement "$csv" --columns date=1,text=2,out=3,in=4 --decimal , --date-format 02.01.2006 --currency NOK; }
tv="" ts="" tf=""
for r in $(seq 1 "$rounds"); do
  rm -rf "$work/v" "$work/ref.db" "$work/floor.db"
  "$work/vault" --vault "$work/v" init >/dev/null
  a=$(ms import)
  b=$(ms sqlite3 "$work/ref.db" ".mode csv" ".separator ;" ".import $csv lines")
  c=$(ms "$work/floor" -sep ';' "$csv" "$work/floor.db")
  tv+="$a " ts+="$b " tf+="$c "
  echo "round $r  vault $a ms  sqlite3 $b ms  the same in Go (bench/floor) $c ms"
done
# The memory of one more import, measured apart (time(1) rounds its clock to 10 ms).
rm -rf "$work/v"; "$work/vault" --vault "$work/v" init >/dev/null
/usr/bin/time -f "%M" -o "$work/time" "$work/vault" --vault "$work/v" import statement "$csv" --columns date=1,text=2,out=3,in=4 --decimal , --date-format 02.01.2006 --currency NOK >/dev/null 2>&1
rss=$(cat "$work/time")
lines=$("$work/vault" --vault "$work/v" transactions --json | grep -c '"id": "TX-')
tv=$(echo "$tv" | median); ts=$(echo "$ts" | median); tf=$(echo "$tf" | median)
ratio=$(echo "$tv / $ts" | bc -l)
echo
echo "import of $n lines: vault $tv ms ($((rss / 1024)) MB RSS, $lines lines recorded), sqlite3 .import $ts ms"
echo "time ratio vault/sqlite3: $(printf %.2f "$ratio") (goal <= 3.0)"
echo "the driver's floor: .import done in Go with modernc.org/sqlite $tf ms, $(printf %.2f "$(echo "$tf / $ts" | bc -l)")x sqlite3; vault $(printf %.2f "$(echo "$tv / $tf" | bc -l)")x that"
summary "import a $n-line statement" "$tv ms, $((rss / 1024)) MB" "sqlite3 .import $ts ms" "$(printf %.2f "$ratio")" "<= 3.0" "$(met "$ratio" '<=' 3.0)"
