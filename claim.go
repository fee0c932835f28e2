package vault

import "vault/internal/money"

// Outstanding is what of the orders' totals has not come back, as each
// order records its refund, and whether it can be said: every total is
// recorded, in one currency, and every refund in its order's currency.
func Outstanding(orders []Order) (money.Money, bool) {
	_, left, ok := Totals(orders)
	return left, ok
}

// Totals are what the orders cost (paid) and what of it has not come back
// (left), when Outstanding can say it.
func Totals(orders []Order) (paid, left money.Money, ok bool) {
	for _, o := range orders {
		t, r := o.Total, o.Refunded
		if t.IsZero() || !paid.IsZero() && t.Currency != paid.Currency || !r.IsZero() && r.Currency != t.Currency {
			return money.Money{}, money.Money{}, false
		}
		paid.Currency, left.Currency = t.Currency, t.Currency
		paid.Minor += t.Minor
		left.Minor += max(t.Minor-r.Minor, 0)
	}
	return paid, left, !paid.IsZero()
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
