package vault

import "vault/internal/money"

// Outstanding is what of the orders' totals has not come back, as each
// order records its refund, and whether it can be said: every total is
// recorded, in one currency, and every refund in its order's currency.
func Outstanding(orders []Order) (money.Money, bool) {
	var sum money.Money
	for _, o := range orders {
		t, r := o.Total, o.Refunded
		if t.IsZero() || !sum.IsZero() && t.Currency != sum.Currency || !r.IsZero() && r.Currency != t.Currency {
			return money.Money{}, false
		}
		sum.Currency = t.Currency
		sum.Minor += max(t.Minor-r.Minor, 0)
	}
	return sum, !sum.IsZero()
}

// Claim is what a case asks back: its amount, else what of its orders has
// not come back. It is never more than that: a refund recorded after the
// case was opened lowers it, and lowered says so. A claim that cannot be
// said (no amount, and orders in two currencies) is zero.
func (c Case) Claim(orders []Order) (ask money.Money, lowered bool) {
	left, known := Outstanding(orders)
	switch {
	case c.Amount.IsZero():
		return left, false
	case known && left.Currency == c.Amount.Currency && left.Minor < c.Amount.Minor:
		return left, true
	}
	return c.Amount, false
}
