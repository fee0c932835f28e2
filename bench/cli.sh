#!/usr/bin/env bash
# Everyday commands on a vault of N orders, against sqlite3 doing the same
# work on the same database: `vault add order` vs an INSERT, `vault list
# orders` vs a SELECT, and `vault --help`. Each pair alternates; medians.
#
#   bench/cli.sh [ORDERS] [RUNS]     defaults: 10000 30
set -euo pipefail
n=${1:-10000} runs=${2:-30}
source "$(dirname "$0")/lib.sh"
need "sqlite3 bc" sqlite3 bc
setup
v="$work/v"
"$work/vault" --vault "$v" init >/dev/null

# Setup through vault itself (so the audit log is real): one import of N
# AliExpress order confirmations creates the N orders.
echo "recording $n orders"
awk -v n="$n" 'BEGIN { for (i = 1; i <= n; i++) {
  printf "From x@aliexpress.com Mon Oct  5 09:15:00 2026\nFrom: AliExpress <transaction@notice.aliexpress.com>\n"
  printf "Subject: Order %.0f confirmed\nMessage-ID: <%d@bench>\nDate: Mon, 05 Oct 2026 09:15:00 +0200\n\n", 8000000000000000 + i, i
  printf "Total: NOK %d,00\n\n", i % 900 + 10 } }' > "$work/orders.mbox"
"$work/vault" --vault "$v" import email --create-orders "$work/orders.mbox" >/dev/null 2>&1

# time_pair A B: alternate A and B $runs times; print both medians in µs.
time_pair() {
  local ta="" tb="" s e
  for _ in $(seq 1 "$runs"); do
    s=$(date +%s%N); "$1" >/dev/null 2>&1; e=$(date +%s%N); ta+="$(( (e - s) / 1000 )) "
    s=$(date +%s%N); "$2" >/dev/null 2>&1; e=$(date +%s%N); tb+="$(( (e - s) / 1000 )) "
  done
  echo "$(echo "$ta" | tr ' ' '\n' | grep . | median) $(echo "$tb" | tr ' ' '\n' | grep . | median)"
}
add_vault() { "$work/vault" --vault "$v" add order --marketplace bench --number "v$RANDOM$RANDOM$RANDOM" --total "49,90 NOK"; }
add_sqlite() { sqlite3 "$v/vault.db" "INSERT INTO orders (marketplace, number, total_minor, currency, created_at) VALUES ('bench', 's$RANDOM$RANDOM$RANDOM', 4990, 'NOK', '2026-11-25T00:00:00Z')"; }
list_vault() { "$work/vault" --vault "$v" list orders; }
list_sqlite() { sqlite3 "$v/vault.db" "SELECT id, marketplace, number, ordered_at, total_minor, currency, seller FROM orders ORDER BY id"; }
help_vault() { "$work/vault" --help; }
help_sqlite() { sqlite3 "$v/vault.db" "SELECT 1"; }

printf "%-36s %10s %11s %7s\n" "work ($n orders)" "vault µs" "sqlite3 µs" "ratio"
for row in "add order|INSERT:add_vault:add_sqlite" "list orders|SELECT:list_vault:list_sqlite" "--help|SELECT 1:help_vault:help_sqlite"; do
  IFS=: read -r what a b <<< "$row"
  read -r ta tb <<< "$(time_pair "$a" "$b")"
  ratio=$(echo "$ta / $tb" | bc -l)
  printf "%-36s %10d %11d %7.2f\n" "${what/|/ vs }" "$ta" "$tb" "$ratio"
  summary "${what%%|*} ($n orders)" "$((ta / 1000)) ms" "sqlite3 ${what#*|} $((tb / 1000)) ms" "$(printf %.2f "$ratio")" "<= 1.5" "$(met "$ratio" '<=' 1.5)"
done
echo "goal: ratio <= 1.5 (process start included on both sides)"
