package casework

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"vault"
	"vault/deadlines"
	"vault/internal/date"
	"vault/internal/lang"
	"vault/letters"
)

// LetterFile is the case named by caseRef, or (caseRef empty) the order
// named by orderRef with its evidence, as if it were a dispute of its own.
func (s *Service) LetterFile(ctx context.Context, caseRef, orderRef string) (vault.CaseFile, error) {
	if caseRef != "" {
		return s.LiveCaseFile(ctx, caseRef)
	}
	id, err := s.DB.ResolveOrder(ctx, orderRef)
	if err != nil {
		return vault.CaseFile{}, err
	}
	o, err := s.DB.OrderFile(ctx, id)
	if err == nil && o.Order.Retracted != "" {
		err = fmt.Errorf("%s is %w: it has no letter", id, vault.ErrRetracted)
	}
	if err != nil {
		return vault.CaseFile{}, err
	}
	return vault.CaseFile{Case: vault.Case{Kind: vault.Dispute, Amount: o.Order.Total}, Orders: []vault.Order{o.Order},
		Evidence: o.Evidence}, nil
}

// Letter drafts a letter of this kind about the case or the order named.
func (s *Service) Letter(ctx context.Context, kind letters.Kind, l lang.Lang, caseRef, orderRef string) (string, error) {
	f, err := s.LetterFile(ctx, caseRef, orderRef)
	if err != nil {
		return "", err
	}
	facts, err := s.LetterFacts(ctx, f, kind == letters.Reinstatement)
	if err != nil {
		return "", err
	}
	return letters.Write(kind, l, facts)
}

// LetterFacts gathers what a letter needs beyond the case: the claimant's
// name, today, and when asked (a reinstatement lists them) the buyer's
// disputes at the case's marketplaces, which takes reading every order.
func (s *Service) LetterFacts(ctx context.Context, f vault.CaseFile, disputes bool) (letters.Facts, error) {
	conf, err := s.DB.Config(ctx)
	if err != nil {
		return letters.Facts{}, err
	}
	facts := letters.Facts{Claimant: conf[string(vault.SettingName)], Loc: s.Loc, File: f,
		Today: deadlines.Day(date.Instant(s.Now()), s.Loc)}
	if disputes {
		t, err := s.DB.Tracking(ctx)
		if err != nil {
			return letters.Facts{}, err
		}
		facts.Disputes = disputesAt(t.Orders, t.Cases, f.Orders)
	}
	return facts, nil
}

// disputesAt lists the cases that count as disputes involving the
// marketplaces of orders.
func disputesAt(all []vault.Order, cases []vault.Case, orders []vault.Order) []vault.DisputeOutcome {
	var markets []vault.Marketplace
	for _, o := range orders {
		markets = append(markets, o.Marketplace)
	}
	byID := map[vault.OrderID]vault.Order{}
	for _, o := range all {
		byID[o.ID] = o
	}
	var out []vault.DisputeOutcome
	for _, c := range cases {
		if !c.Kind.CountsAsDispute() {
			continue
		}
		var numbers []string
		var market vault.Marketplace
		for _, id := range c.Orders {
			if o := byID[id]; slices.Contains(markets, o.Marketplace) {
				numbers, market = append(numbers, o.Number), o.Marketplace
			}
		}
		if len(numbers) > 0 {
			out = append(out, vault.DisputeOutcome{Case: c.ID, Kind: c.Kind, Marketplace: market,
				Orders: strings.Join(numbers, ", "), Opened: c.Opened, Status: c.Status})
		}
	}
	return out
}
