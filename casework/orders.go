package casework

import (
	"context"
	"fmt"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
)

// OrderView is an order as 'vault show order' shows it: with what it is
// linked to, and notes from the rules (import charges that may apply).
type OrderView struct {
	vault.OrderFile
	Notes []string `json:"notes"`
}

// OrderView reads the order named by ref (its id or its order number).
func (s *Service) OrderView(ctx context.Context, ref string) (OrderView, error) {
	id, err := s.DB.ResolveOrder(ctx, ref)
	if err != nil {
		return OrderView{}, err
	}
	f, err := s.DB.OrderFile(ctx, id)
	if err != nil {
		return OrderView{}, err
	}
	rules, err := s.RuleSet(ctx)
	if err != nil {
		return OrderView{}, err
	}
	f.Order.Status = vault.StatusOf(f.Order, f.Cases)
	view := OrderView{OrderFile: f, Notes: []string{}}
	for _, r := range deadlines.ChargesNotes(rules.Rules, OrderFacts(f.Order, date.Value{}, rules.Country, nil), f.Order.Total) {
		note := fmt.Sprintf("import charges may apply (%s): %s", r.ID, r.Says)
		if r.PerItem { // the vault knows the order's total, not each item's price
			note = fmt.Sprintf("import charges may apply if an item of it costs %s or more (%s; the limit is per item, and the total is %s): %s",
				r.Above, r.ID, f.Order.Total, r.Says)
		}
		view.Notes = append(view.Notes, note)
	}
	return view, nil
}

// Orders lists the orders, each with its status; those retracted only with all.
func (s *Service) Orders(ctx context.Context, all bool) ([]vault.Order, error) {
	return s.withStatus(ctx, all, s.DB.Orders)
}

// OrderLines lists the orders as a listing shows them (see
// store.DB.OrderLines), each with its status.
func (s *Service) OrderLines(ctx context.Context, all bool) ([]vault.Order, error) {
	return s.withStatus(ctx, all, s.DB.OrderLines)
}

func (s *Service) withStatus(ctx context.Context, all bool, list func(context.Context, bool) ([]vault.Order, error)) ([]vault.Order, error) {
	orders, err := list(ctx, all)
	if err != nil {
		return nil, err
	}
	cases, err := s.DB.Cases(ctx, false)
	for i := range orders {
		orders[i].Status = vault.StatusOf(orders[i], cases)
	}
	return orders, err
}
