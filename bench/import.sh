#!/usr/bin/env bash
# Email import rate: `vault import email` of a generated mbox (messages/s,
# peak RSS), then the time of `vault search` on the imported vault.
#
#   bench/import.sh [MESSAGES]     default: 10000
#
# Needs GNU time (/usr/bin/time: apt-get install time).
set -euo pipefail
n=${1:-10000}
source "$(dirname "$0")/lib.sh"
need "time bc" /usr/bin/time bc
setup

echo "generating an mbox of $n messages"
awk -v n="$n" 'BEGIN {
  split("parcel tracking refund seller delayed customs broken charger cable screen blåbær", w, " ")
  for (i = 1; i <= n; i++) {
    printf "From seller%d@example.com Mon Oct  5 09:15:00 2026\n", i % 97
    printf "From: Seller %d <seller%d@example.com>\nTo: buyer@example.no\n", i % 97, i % 97
    printf "Subject: About order %.0f: %s\nDate: Mon, 05 Oct 2026 09:%02d:00 +0200\n", 8000000000000000 + i * 7919, w[i % 11 + 1], i % 60
    printf "Message-ID: <%d@example.com>\nContent-Type: text/plain; charset=utf-8\n\n", i
    for (l = 0; l < 12; l++) printf "Line %d of message %d about the %s and the %s.\n", l, i, w[(i + l) % 11 + 1], w[(i * l) % 11 + 1]
    printf "\n"
  }
}' > "$work/mail.mbox"
"$work/vault" --vault "$work/v" init >/dev/null
/usr/bin/time -f "%e %M" -o "$work/time" "$work/vault" --vault "$work/v" import email "$work/mail.mbox" >/dev/null 2>"$work/err" || { tail -3 "$work/err"; exit 1; }
read -r secs kb < "$work/time"
echo "imported $n messages ($(du -h "$work/mail.mbox" | cut -f1)) in $secs s: $(echo "$n / $secs" | bc) messages/s, peak RSS $((kb / 1024)) MB"
summary "import an mbox of $n messages" "$(echo "$n / $secs" | bc) messages/s, $((kb / 1024)) MB" "-" "-" "report" "-"

# Search: the whole vault process against sqlite3 running the ranked FTS5
# query on the same database, alternated, medians.
if command -v sqlite3 >/dev/null; then
  printf "%-28s %10s %11s %7s\n" "search ($n messages)" "vault ms" "sqlite3 ms" "ratio"
  for q in refund 8000000000007919 blåbær; do
    ta="" tb=""
    for _ in 1 2 3 4 5 6 7; do
      s=$(date +%s%N); "$work/vault" --vault "$work/v" search "$q" >/dev/null 2>&1 || true; e=$(date +%s%N); ta+="$(( (e - s) / 1000 )) "
      s=$(date +%s%N); sqlite3 "$work/v/vault.db" "SELECT ref, title FROM words WHERE words MATCH '\"$q\"' ORDER BY rank LIMIT 50" >/dev/null; e=$(date +%s%N); tb+="$(( (e - s) / 1000 )) "
    done
    ta=$(echo "$ta" | median); tb=$(echo "$tb" | median); ratio=$(echo "$ta / $tb" | bc -l)
    printf "%-28s %10.1f %11.1f %7.2f\n" "vault search $q" "$(echo "$ta / 1000" | bc -l)" "$(echo "$tb / 1000" | bc -l)" "$ratio"
    summary "search '$q' ($n messages)" "$((ta / 1000)) ms" "sqlite3 FTS5 $((tb / 1000)) ms" "$(printf %.2f "$ratio")" "<= 1.5, < 20 ms" "$(met "$ratio" '<=' 1.5)"
  done
else
  echo "missing sqlite3 for the search comparison: apt-get install sqlite3"
fi
