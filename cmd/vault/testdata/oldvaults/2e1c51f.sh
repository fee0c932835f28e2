#!/bin/bash
# Makes the vault DIR ($1) with the vault binary $2, built from the commit this file is named for (git worktree add /tmp/old COMMIT; go build -o /tmp/vault-old ./cmd/vault); then checkpointed by closing. TestOldVaults exports it.
set -e
V=$1; B=$2; F=$(cd "$(dirname "$0")" && pwd); T=$F/../../../../evidence/testdata
export VAULT_DIR=$V VAULT_NOW=2026-11-20T12:00:00Z TZ=UTC
$B init >/dev/null
$B config set name "Kari Nordmann" >/dev/null
$B add order --marketplace aliexpress --number 8123456789012345 --seller "Shenzhen Gadget Store" --item "USB-C charger 65W" \
  --total "459,00 NOK" --ordered 2026-08-20 --payment "Visa ****4242" >/dev/null
$B add order --marketplace temu --number PO-211-0099 --total "120,00 NOK" --ordered 2026-09-01 --payment "Mastercard ****1111" >/dev/null
$B set order ORD-1 --shipped 2026-08-25 --tracking LP00123456789CN --expected 2026-09-04 >/dev/null
$B add message --order ORD-1 --from me --at "2026-09-01 10:00" --text "Where is my parcel? Please answer within 14 days." >/dev/null
$B import email $F/reply.eml --order ORD-1 >/dev/null 2>&1
$B attach file $T/exif/camera.jpg --order ORD-1 --kind photo --at 2026-09-03 >/dev/null
$B import email $T/email/aliexpress-confirmation.eml --order ORD-1 >/dev/null 2>&1
$B add case --kind dispute --order ORD-1 --receiver AliExpress --opened 2026-09-05 >/dev/null
$B set case CASE-1 --dispute-number 7001234567 --outcome lost --decided 2026-09-20 >/dev/null
$B add case --kind chargeback --order ORD-1 --receiver "DNB kortreklamasjon" --opened 2026-10-01 --problem not-received >/dev/null
$B case event CASE-2 --at 2026-10-02 --text "Called the bank, form sent" >/dev/null
$B import statement $F/camt.xml >/dev/null 2>&1
$B match >/dev/null 2>&1
$B match confirm TX-2 ORD-1 >/dev/null
$B add case --kind withdrawal --order ORD-2 --opened 2026-09-10 >/dev/null
$B add case --kind dispute --order ORD-2 --opened 2026-09-12 >/dev/null
$B set case CASE-4 --outcome partial --refunded "50,00 NOK" --decided 2026-09-30 >/dev/null
