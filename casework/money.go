package casework

import (
	"cmp"
	"context"
	"slices"

	"vault"
	"vault/internal/date"
	"vault/internal/money"
	"vault/store"
)

// MoneyRow is what the statements say was charged and credited for one
// marketplace's orders in one month (by booking date) and currency.
type MoneyRow struct {
	Marketplace vault.Marketplace `json:"marketplace"`
	Month       string            `json:"month"` // 2026-09
	Charged     money.Money       `json:"charged"`
	Refunded    money.Money       `json:"refunded"`
	TooLarge    bool              `json:"too_large,omitempty"` // its lines add up past what an amount holds: not summed
}

// MissingRefund is a won case whose orders got no credit on a statement
// within refundDays of the decision.
type MissingRefund struct {
	Case    vault.CaseID `json:"case"`
	Decided string       `json:"decided"`
	Days    int          `json:"days"` // since the decision
}

// refundDays is how long a refund may take to reach the card after a won
// dispute before it is worth chasing (marketplaces say 3-10 working days;
// two weeks is the outer end).
const refundDays = 14

// Money is the overview of what statements say: per marketplace and month,
// charged and refunded; the orders in a statement's period with no charge;
// the charges naming a marketplace with no order; won cases whose refund
// has not come.
type Money struct {
	Rows           []MoneyRow          `json:"rows"`
	OrdersNoCharge []vault.OrderID     `json:"orders_without_charge"`
	ChargesNoOrder []vault.Transaction `json:"charges_without_order"`
	RefundsMissing []MissingRefund     `json:"refunds_missing"`
}

// ordersAndCases are every live order and case.
func (s *Service) ordersAndCases(ctx context.Context) ([]vault.Order, []vault.Case, error) {
	orders, err := s.DB.Orders(ctx, false)
	if err != nil {
		return nil, nil, err
	}
	cases, err := s.DB.Cases(ctx, false)
	return orders, cases, err
}

// MoneyOverview computes Money; nil when no statement line is recorded.
func (s *Service) MoneyOverview(ctx context.Context) (*Money, error) {
	txs, err := s.DB.Transactions(ctx, store.TransactionFilter{})
	if err != nil || len(txs) == 0 {
		return nil, err
	}
	orders, cases, err := s.ordersAndCases(ctx)
	if err != nil {
		return nil, err
	}
	return moneyOf(txs, orders, cases, date.Instant(s.Now())), nil
}

// moneyOf computes Money from the lines (oldest first, as Transactions
// returns them, at least one), the orders and the cases.
func moneyOf(txs []vault.Transaction, orders []vault.Order, cases []vault.Case, now date.Value) *Money {
	m := &Money{Rows: []MoneyRow{}, OrdersNoCharge: []vault.OrderID{}, ChargesNoOrder: []vault.Transaction{}, RefundsMissing: []MissingRefund{}}
	byID := map[vault.OrderID]vault.Order{}
	for _, o := range orders {
		byID[o.ID] = o
	}
	rows := map[[3]string]*MoneyRow{}
	charged := map[vault.OrderID]bool{}
	credited := map[vault.OrderID]bool{}
	first, last := txs[0].Booked, txs[len(txs)-1].Booked // the statements' period: txs are oldest first
	for _, t := range txs {
		o, linked := byID[t.Order]
		if !linked {
			if _, named := namedMarketplace(t.Text); named && t.Amount.Minor < 0 {
				m.ChargesNoOrder = append(m.ChargesNoOrder, t)
			}
			continue
		}
		key := [3]string{string(o.Marketplace), t.Booked.Time().Format("2006-01"), t.Amount.Currency}
		r := rows[key]
		if r == nil {
			zero := money.Money{Currency: t.Amount.Currency}
			r = &MoneyRow{Marketplace: o.Marketplace, Month: key[1], Charged: zero, Refunded: zero}
			rows[key] = r
		}
		var err error
		if t.Amount.Minor < 0 {
			r.Charged, err = money.Sub(r.Charged, t.Amount)
			charged[o.ID] = true
		} else {
			r.Refunded, err = money.Add(r.Refunded, t.Amount)
			credited[o.ID] = true
		}
		r.TooLarge = r.TooLarge || err != nil
	}
	for _, r := range rows {
		m.Rows = append(m.Rows, *r)
	}
	slices.SortFunc(m.Rows, func(a, b MoneyRow) int {
		return cmp.Or(cmp.Compare(a.Marketplace, b.Marketplace), cmp.Compare(a.Month, b.Month), cmp.Compare(a.Charged.Currency, b.Charged.Currency))
	})
	for _, o := range orders { // an order the statements' period covers, with no charge
		at := o.Ordered
		if !charged[o.ID] && !o.Total.IsZero() && !at.IsZero() && at.DaysAfter(first) >= 0 && last.DaysAfter(at) >= daysAfter {
			m.OrdersNoCharge = append(m.OrdersNoCharge, o.ID)
		}
	}
	for _, c := range cases {
		if c.Status != vault.StatusWon || c.Decided.IsZero() || now.DaysAfter(c.Decided) <= refundDays {
			continue
		}
		if !slices.ContainsFunc(c.Orders, func(id vault.OrderID) bool { return credited[id] }) {
			m.RefundsMissing = append(m.RefundsMissing, MissingRefund{Case: c.ID, Decided: c.Decided.String(), Days: now.DaysAfter(c.Decided)})
		}
	}
	return m
}
