package casework

import (
	"context"
	"fmt"
	"strings"
	"time"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
)

// DisputeWarning says that a new case may harm the buyer: a dispute that may
// get the account blocked for "dispute abuse" (this project's heuristic,
// rule aliexpress.abuse), or a Visa non-receipt chargeback that needs a
// cardholder letter (visa.repeat).
type DisputeWarning struct {
	Marketplace vault.Marketplace
	Order       vault.OrderID // the case's order: the letter to its seller is the better first step
	Text        string
	Rule        deadlines.Rule
}

// DisputeWarnings checks a new case of this kind, opened on the day given
// (today when zero), with these orders, against the guard rules, counting
// it. Disputes and chargebacks at a marketplace count (CountsAsDispute),
// from 30 and 90 days before the case's own day: a case backdated to
// September is counted among September's.
func (s *Service) DisputeWarnings(ctx context.Context, kind vault.CaseKind, opened date.Value, orders []vault.Order) ([]DisputeWarning, error) {
	rules, err := s.Rules(ctx)
	if err != nil {
		return nil, err
	}
	day := s.Now().In(s.Loc)
	if !opened.IsZero() {
		day = deadlines.Day(opened, s.Loc)
	}
	var out []DisputeWarning
	for _, r := range rules {
		if r.Kind != deadlines.RuleGuard || r.Guard == nil {
			continue
		}
		var w []DisputeWarning
		switch {
		case r.Guard.MaxDisputes30d > 0 && kind.CountsAsDispute():
			w, err = s.abuseWarnings(ctx, r, day, orders)
		case r.Guard.NonReceipt30d > 0 && kind == vault.Chargeback:
			w, err = s.repeatWarnings(ctx, r, day, orders)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, w...)
	}
	return out, nil
}

func (s *Service) abuseWarnings(ctx context.Context, r deadlines.Rule, day time.Time, orders []vault.Order) ([]DisputeWarning, error) {
	seen := map[vault.Marketplace]bool{}
	var out []DisputeWarning
	for _, o := range orders {
		if seen[o.Marketplace] {
			continue
		}
		seen[o.Marketplace] = true
		a, err := s.DB.DisputeActivity(ctx, o.Marketplace, day.AddDate(0, 0, -30).Format(time.DateOnly),
			day.AddDate(0, 0, -90).Format(time.DateOnly), day.Format(time.DateOnly), orderIDs(orders))
		if err != nil {
			return nil, err
		}
		a.Disputes30++
		a.Disputes90++
		if text := r.Guard.Warn(o.Marketplace, a); text != "" {
			out = append(out, DisputeWarning{Marketplace: o.Marketplace, Order: o.ID, Text: text, Rule: r})
		}
	}
	return out, nil
}

// repeatWarnings: a non-receipt chargeback of a Visa payment, counting the
// others at the same seller in 30 days.
func (s *Service) repeatWarnings(ctx context.Context, r deadlines.Rule, day time.Time, orders []vault.Order) ([]DisputeWarning, error) {
	var out []DisputeWarning
	for _, o := range orders {
		if !o.Delivered.IsZero() || o.Seller == "" || !strings.Contains(strings.ToLower(o.Payment), "visa") {
			continue
		}
		n, err := s.DB.NonReceiptChargebacks(ctx, o.Seller, day.AddDate(0, 0, -30).Format(time.DateOnly), day.Format(time.DateOnly))
		if err != nil {
			return nil, err
		}
		if n+1 >= r.Guard.NonReceipt30d {
			out = append(out, DisputeWarning{Marketplace: o.Marketplace, Order: o.ID, Rule: r, Text: fmt.Sprintf(
				"this would be non-receipt chargeback number %d at %s within 30 days: Visa asks for a letter from you, the cardholder, with it",
				n+1, o.Seller)})
		}
	}
	return out, nil
}

func orderIDs(orders []vault.Order) []vault.OrderID {
	ids := make([]vault.OrderID, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	return ids
}
