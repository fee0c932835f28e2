package casework

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"vault"
	"vault/store"
)

// Suggestions lists the open suggestions of the mails understood, oldest
// first, but those no longer to decide: their mail or record retracted, or
// the records saying so already (the buyer did it by hand).
func (s *Service) Suggestions(ctx context.Context) ([]vault.Suggestion, error) {
	all, err := s.DB.Suggestions(ctx)
	if err != nil || len(all) == 0 {
		return nil, err
	}
	orders, cases, err := s.ordersAndCases(ctx)
	if err != nil {
		return nil, err
	}
	var out []vault.Suggestion
	for _, sg := range all {
		open, err := s.stillOpen(ctx, sg, orders, cases)
		if err != nil {
			return nil, err
		}
		if open {
			out = append(out, sg)
		}
	}
	return out, nil
}

// stillOpen reports whether a suggestion still proposes something.
func (s *Service) stillOpen(ctx context.Context, sg vault.Suggestion, orders []vault.Order, cases []vault.Case) (bool, error) {
	switch sg.Do {
	case vault.SuggestAddOrder:
		o, err := vault.Order{}.Apply(sg.Changes)
		return err == nil && !slices.ContainsFunc(orders, func(x vault.Order) bool {
			return x.Marketplace == o.Marketplace && x.Number == o.Number
		}), nil
	case vault.SuggestAddCase:
		if sg.CaseKind == vault.Reinstatement {
			return !slices.ContainsFunc(cases, func(c vault.Case) bool {
				return c.Kind == vault.Reinstatement && c.Account.String() == sg.Record
			}), nil
		}
		return slices.ContainsFunc(orders, func(o vault.Order) bool { return o.ID.String() == sg.Record }), nil
	}
	changed, err := s.changes(ctx, sg.Record, sg.Changes)
	if errors.Is(err, vault.ErrNotFound) || errors.Is(err, vault.ErrRetracted) {
		return false, nil
	}
	return changed, err
}

// changes reports whether changes would change a live record.
func (s *Service) changes(ctx context.Context, record string, changes []vault.Change) (bool, error) {
	differ := func(old, new map[string]string, err error) (bool, error) {
		return err == nil && len(vault.Diff(old, new)) > 0, nil
	}
	live := func(err error, retracted string) error {
		if err == nil && retracted != "" {
			err = fmt.Errorf("%s is %w", record, vault.ErrRetracted)
		}
		return err
	}
	switch vault.KindOf(record) {
	case vault.RecordOrder:
		id, _ := vault.ParseOrderID(record)
		o, err := s.DB.Order(ctx, id)
		if err := live(err, o.Retracted); err != nil {
			return false, err
		}
		n, err := o.Apply(changes)
		return differ(o.Fields(), n.Fields(), err)
	case vault.RecordCase:
		f, err := s.CaseFile(ctx, record)
		if err := live(err, f.Case.Retracted); err != nil {
			return false, err
		}
		n, err := f.Case.Apply(changes, s.localNow(), true)
		return differ(f.Case.Fields(), n.Fields(), err)
	case vault.RecordAccount:
		id, err := vault.ParseAccountID(record)
		if err != nil {
			return false, err
		}
		a, err := s.DB.Account(ctx, id)
		if err := live(err, a.Retracted); err != nil {
			return false, err
		}
		n, err := a.Apply(changes)
		return differ(a.Fields(), n.Fields(), err)
	}
	return false, fmt.Errorf("%s: %w", record, vault.ErrNotFound)
}

// Accepted is what accepting a suggestion did: the record it changed or
// made, and the edits.
type Accepted struct {
	Record string
	Edits  []vault.Edit
}

// Accept does what a suggestion proposes, as the buyer (the edits are
// theirs), and records the decision. The work and the decision are two
// transactions: interrupted between them, the suggestion stays open but is
// no longer listed, since the records say so already. Values that look
// wrong need force, as 'vault set' asks.
func (s *Service) Accept(ctx context.Context, id vault.SuggestionID, force bool) (Accepted, error) {
	sg, err := s.DB.Suggestion(ctx, id)
	if err != nil {
		return Accepted{}, err
	}
	if sg.State != vault.SuggestOpen {
		return Accepted{}, fmt.Errorf("%s was %s already", id, sg.State)
	}
	var done Accepted
	switch sg.Do {
	case vault.SuggestAddOrder:
		done, err = s.acceptOrder(ctx, sg, force)
	case vault.SuggestAddCase:
		done, err = s.acceptCase(ctx, sg, force)
	default:
		done.Record = sg.Record
		done.Edits, err = s.set(ctx, sg.Record, sg.Changes, force)
	}
	if err != nil {
		return done, fmt.Errorf("%s: %w", id, err)
	}
	return done, s.DB.DecideSuggestion(ctx, id, true)
}

// Reject records that a suggestion is not to be done; it is not made again.
func (s *Service) Reject(ctx context.Context, id vault.SuggestionID) error {
	return s.DB.DecideSuggestion(ctx, id, false)
}

// set changes a record as 'vault set' does; a record that says so already
// is no error.
func (s *Service) set(ctx context.Context, record string, changes []vault.Change, force bool) ([]vault.Edit, error) {
	var edits []vault.Edit
	var err error
	switch vault.KindOf(record) {
	case vault.RecordOrder:
		edits, err = s.SetOrder(ctx, record, changes, force)
	case vault.RecordCase:
		edits, err = s.SetCase(ctx, record, changes, force)
	case vault.RecordAccount:
		var id vault.AccountID
		if id, err = vault.ParseAccountID(record); err == nil {
			edits, err = s.SetAccount(ctx, id, changes, force)
		}
	default:
		err = fmt.Errorf("%s: %w", record, vault.ErrNotFound)
	}
	if errors.Is(err, store.ErrNoChange) {
		err = nil
	}
	return edits, err
}

// acceptOrder records the order a confirmation named, unless it is
// recorded by now, and files the mail under it.
func (s *Service) acceptOrder(ctx context.Context, sg vault.Suggestion, force bool) (Accepted, error) {
	o, err := vault.Order{}.Apply(sg.Changes)
	if err != nil {
		return Accepted{}, err
	}
	o.Note = "added from its confirmation mail " + sg.Evidence.String()
	if err := o.Check(s.localNow(), force); err != nil {
		return Accepted{}, err
	}
	id, err := s.DB.AddOrder(ctx, o)
	if errors.Is(err, vault.ErrExists) {
		id, err = s.DB.ResolveOrder(ctx, o.Number)
	}
	if err != nil {
		return Accepted{}, err
	}
	return Accepted{Record: id.String()}, s.DB.Link(ctx, []vault.EvidenceID{sg.Evidence}, vault.Links{Orders: []vault.OrderID{id}})
}

// decisionFields are a case's fields that decide it: set once it is open.
var decisionFields = []string{"outcome", "refunded", "decided"}

// acceptCase opens the case a notice named (a dispute about its order, a
// reinstatement of its account, with the account's orders at that
// marketplace), files the mail under it, and records its decision when the
// notice gave one. A case of that kind opened since takes the decision, and
// of the rest what it leaves empty (the day it was opened stays).
func (s *Service) acceptCase(ctx context.Context, sg vault.Suggestion, force bool) (Accepted, error) {
	var opening, deciding []vault.Change
	for _, c := range sg.Changes {
		if slices.Contains(decisionFields, c.Field) {
			deciding = append(deciding, c)
		} else {
			opening = append(opening, c)
		}
	}
	c, found, err := s.caseFor(ctx, sg)
	if err != nil {
		return Accepted{}, err
	}
	if found {
		has := c.Fields()
		for _, ch := range opening {
			if has[ch.Field] == "" {
				deciding = append(deciding, ch)
			}
		}
	} else if c.ID, err = s.openCase(ctx, c, sg.Record, opening, deciding, force); err != nil {
		return Accepted{}, err
	}
	done := Accepted{Record: c.ID.String()}
	if err := s.DB.Link(ctx, []vault.EvidenceID{sg.Evidence}, vault.Links{Cases: []vault.CaseID{c.ID}}); err != nil {
		return done, err
	}
	if len(deciding) > 0 {
		done.Edits, err = s.set(ctx, c.ID.String(), deciding, force)
	}
	return done, err
}

// caseFor is the live case of the suggestion's kind about its record (an
// order, or a reinstatement's account), found; or the case to open.
func (s *Service) caseFor(ctx context.Context, sg vault.Suggestion) (vault.Case, bool, error) {
	cases, err := s.DB.Cases(ctx, false)
	if err != nil {
		return vault.Case{}, false, err
	}
	c := vault.Case{Kind: sg.CaseKind}
	if vault.KindOf(sg.Record) == vault.RecordAccount {
		if c.Account, err = vault.ParseAccountID(sg.Record); err != nil {
			return c, false, err
		}
	}
	for _, x := range cases {
		about := c.Account != 0 && x.Account == c.Account ||
			c.Account == 0 && slices.ContainsFunc(x.Orders, func(o vault.OrderID) bool { return o.String() == sg.Record })
		if x.Kind == c.Kind && about {
			return x, true, nil
		}
	}
	return c, false, nil
}

// openCase opens c about record (an order, or the orders of c's account)
// with the opening changes, when it can take the deciding ones.
func (s *Service) openCase(ctx context.Context, c vault.Case, record string, opening, deciding []vault.Change, force bool) (vault.CaseID, error) {
	refs := []string{record}
	if c.Account != 0 {
		var err error
		if refs, err = s.accountOrders(ctx, c.Account); err != nil {
			return 0, err
		}
	}
	c, err := c.Apply(opening, s.localNow(), force)
	if err != nil {
		return 0, err
	}
	if _, err := c.Apply(deciding, s.localNow(), force); err != nil {
		return 0, err // before the case is opened: a decision it cannot take opens none
	}
	if c, _, err = s.NewCase(ctx, c, refs); err != nil {
		return 0, err
	}
	return s.DB.AddCase(ctx, c)
}

// accountOrders are the live orders at an account's marketplace, which a
// reinstatement case is about.
func (s *Service) accountOrders(ctx context.Context, id vault.AccountID) ([]string, error) {
	a, err := s.DB.Account(ctx, id)
	if err != nil {
		return nil, err
	}
	orders, err := s.DB.Orders(ctx, false)
	if err != nil {
		return nil, err
	}
	var refs []string
	for _, o := range orders {
		if o.Marketplace == a.Marketplace {
			refs = append(refs, o.ID.String())
		}
	}
	if len(refs) == 0 {
		return nil, vault.WithFix(fmt.Errorf("a reinstatement case is about the account's orders, and no order at %s is recorded",
			a.Marketplace.Name()), vault.Fix{Do: vault.DoAddOrder, Kind: string(a.Marketplace)})
	}
	return refs, nil
}
