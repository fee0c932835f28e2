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
	rules, err := s.Rules(ctx)
	if err != nil {
		return OrderView{}, err
	}
	view := OrderView{OrderFile: f, Notes: []string{}}
	for _, r := range deadlines.ChargesNotes(rules, OrderFacts(f.Order, date.Value{}), f.Order.Total) {
		view.Notes = append(view.Notes, fmt.Sprintf("import charges may apply (%s): %s", r.ID, r.Says))
	}
	return view, nil
}
