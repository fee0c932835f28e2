package casework

import (
	"context"

	"vault"
	"vault/deadlines"
)

// DisputeWarning says that a new dispute may get the account blocked for
// "dispute abuse" at a marketplace: too many disputes there in 30 days, or
// too large a share of its orders in 90 (the thresholds of a rule; a
// heuristic).
type DisputeWarning struct {
	Marketplace vault.Marketplace
	Order       vault.OrderID // the case's order there: the letter to its seller is the better first step
	Text        string
	Rule        deadlines.Rule
}

// DisputeWarnings checks a new case against the guard rule at each of its
// orders' marketplaces, counting it. Cases that count as disputes
// (vault.CaseKind.CountsAsDispute) are counted, from today.
func (s *Service) DisputeWarnings(ctx context.Context, orders []vault.Order) ([]DisputeWarning, error) {
	rules, err := s.Rules(ctx)
	if err != nil {
		return nil, err
	}
	var guard deadlines.Rule
	for _, r := range rules {
		if r.Kind == deadlines.RuleGuard && r.Guard != nil {
			guard = r
		}
	}
	if guard.Guard == nil {
		return nil, nil
	}
	today := s.Now().In(s.Loc)
	seen := map[vault.Marketplace]bool{}
	var out []DisputeWarning
	for _, o := range orders {
		if seen[o.Marketplace] {
			continue
		}
		seen[o.Marketplace] = true
		d30, d90, orders90, err := s.DB.DisputeActivity(ctx, o.Marketplace,
			today.AddDate(0, 0, -30).Format("2006-01-02"), today.AddDate(0, 0, -90).Format("2006-01-02"))
		if err != nil {
			return nil, err
		}
		if text := guard.Guard.Warn(o.Marketplace, d30+1, d90+1, max(orders90, 1)); text != "" {
			out = append(out, DisputeWarning{Marketplace: o.Marketplace, Order: o.ID, Text: text, Rule: guard})
		}
	}
	return out, nil
}
