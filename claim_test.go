package vault

import (
	"testing"

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
