package casework

import (
	"testing"
	"time"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
)

// TestMoneyRowsNeverWrap: 9,300 credits of the largest amount an order can
// have, all in one month, add up past an int64 of øre. The row says it is
// too large to add up; it never shows a wrapped, negative sum.
func TestMoneyRowsNeverWrap(t *testing.T) {
	day := date.Day(time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC))
	big := money.Money{Minor: 999_999_999_999_999, Currency: "NOK"}
	o := vault.Order{ID: 1, Marketplace: vault.AliExpress, Total: big}
	txs := []vault.Transaction{{ID: 1, Order: 1, Booked: day, Amount: money.Money{Minor: -big.Minor, Currency: "NOK"}}}
	for i := range 9300 {
		txs = append(txs, vault.Transaction{ID: vault.TransactionID(i + 2), Order: 1, Booked: day, Amount: big})
	}
	m := moneyOf(txs, []vault.Order{o}, nil, day)
	if len(m.Rows) != 1 {
		t.Fatalf("%d rows, want 1", len(m.Rows))
	}
	if r := m.Rows[0]; !r.TooLarge || r.Refunded.Minor < 0 || r.Charged.Minor < 0 {
		t.Errorf("row %+v: want it marked too large, and nothing negative", r)
	}
}
