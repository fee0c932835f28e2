package vault

import (
	"slices"

	"vault/internal/date"
	"vault/internal/money"
)

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

// WithCredits is the orders with what came back as the bank says it: an
// order's refund is raised to the credits, in its currency, on the
// statement lines linked to it, when they are more than the refund
// recorded on the order, and its day is then the last credit's.
func WithCredits(orders []Order, charges []Transaction) []Order {
	out := slices.Clone(orders)
	for i := range out {
		o := &out[i]
		back, last := credited(*o, charges)
		if back.IsZero() || !o.Refunded.IsZero() && (o.Refunded.Currency != back.Currency || o.Refunded.Minor >= back.Minor) {
			continue
		}
		o.Refunded, o.RefundedAt = back, last
	}
	return out
}

// credited sums the credits linked to the order in its total's currency
// (the line's amount, or the original the bank converted), and the day of
// the last.
func credited(o Order, charges []Transaction) (back money.Money, last date.Value) {
	for _, t := range charges {
		m := t.Amount
		if m.Currency != o.Total.Currency {
			m = t.Original
		}
		if t.Order != o.ID || t.Amount.Minor <= 0 || o.Total.IsZero() || m.Currency != o.Total.Currency {
			continue
		}
		back.Currency, back.Minor = m.Currency, back.Minor+max(m.Minor, -m.Minor)
		if t.Booked.Time().After(last.Time()) {
			last = t.Booked
		}
	}
	return back, last
}
