package vault

import (
	"time"

	"testing"
	"vault/internal/date"

	"vault/internal/money"
)

// TestClaim: a case never asks back more than its orders' records leave
// unpaid back; what cannot be summed is not guessed.
func TestClaim(t *testing.T) {
	usd := money.Money{Currency: "USD", Minor: 2000}
	full := Order{Total: nok(45900)}
	part := Order{Total: nok(45900), Refunded: nok(20000)}
	all := Order{Total: nok(10000), Refunded: nok(10000)}
	for _, tt := range []struct {
		name    string
		amount  money.Money
		orders  []Order
		ask     money.Money
		lowered bool
	}{
		{"no amount: the totals", money.Money{}, []Order{full, {Total: nok(10000)}}, nok(55900), false},
		{"no amount: less a refund", money.Money{}, []Order{part, {Total: nok(10000)}}, nok(35900), false},
		{"amount above what is left", nok(55900), []Order{part, {Total: nok(10000)}}, nok(35900), true},
		{"amount below what is left", nok(10000), []Order{part}, nok(10000), false},
		{"all came back", nok(10000), []Order{all}, nok(0), true},
		{"two currencies, no amount", money.Money{}, []Order{full, {Total: usd}}, money.Money{}, false},
		{"two currencies, an amount", nok(45900), []Order{full, {Total: usd}}, nok(45900), false},
		{"refund in another currency", nok(45900), []Order{{Total: nok(45900), Refunded: usd}}, nok(45900), false},
		{"no total", nok(45900), []Order{{}}, nok(45900), false},
		{"no orders", nok(45900), nil, nok(45900), false},
	} {
		ask, lowered := Case{Amount: tt.amount}.Claim(tt.orders)
		if ask != tt.ask || lowered != tt.lowered {
			t.Errorf("%s: %v, lowered %v; want %v, %v", tt.name, ask, lowered, tt.ask, tt.lowered)
		}
	}
}

// TestWithCredits: a credit linked to an order counts as its refund when
// it is more than the one recorded; charges, other orders' lines and other
// currencies do not.
func TestWithCredits(t *testing.T) {
	d := func(s string) date.Value { v, _ := date.Parse(s, time.UTC); return v }
	usd := func(minor int64) money.Money { return money.Money{Currency: "USD", Minor: minor} }
	orders := []Order{{ID: 1, Total: nok(45900)}, {ID: 2, Total: nok(10000), Refunded: nok(10000), RefundedAt: d("2026-11-05")},
		{ID: 3, Total: usd(2599)}, {ID: 4, Total: nok(5000)}}
	charges := []Transaction{
		{Order: 1, Amount: nok(-45900), Booked: d("2026-10-03")},
		{Order: 1, Amount: nok(20000), Booked: d("2026-11-01")},
		{Order: 1, Amount: nok(5000), Booked: d("2026-11-09")},
		{Order: 2, Amount: nok(4000), Booked: d("2026-11-02")},
		{Order: 3, Amount: nok(27648), Original: usd(2599), Booked: d("2026-11-03")},
		{Order: 4, Amount: money.Money{Currency: "EUR", Minor: 400}, Booked: d("2026-11-04")},
	}
	got := WithCredits(orders, charges)
	want := []struct {
		back money.Money
		at   string
	}{{nok(25000), "2026-11-09"}, {nok(10000), "2026-11-05"}, {usd(2599), "2026-11-03"}, {money.Money{}, ""}}
	for i, w := range want {
		if got[i].Refunded != w.back || got[i].RefundedAt.String() != w.at {
			t.Errorf("order %d: %v on %q; want %v on %q", i+1, got[i].Refunded, got[i].RefundedAt.String(), w.back, w.at)
		}
	}
	if !orders[0].Refunded.IsZero() {
		t.Error("WithCredits changed its argument")
	}
}
