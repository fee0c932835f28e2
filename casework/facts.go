package casework

import (
	"context"
	"fmt"

	"vault"
)

// Facts derives the facts of the case named by ref from every record of it
// (vault.Derive): what its letters, dossier, checklist, advice and
// deadlines state. A retracted case has none.
func (s *Service) Facts(ctx context.Context, ref string) (vault.CaseFacts, error) {
	_, f, err := s.caseFacts(ctx, ref, true)
	return f, err
}

// caseFacts reads a case's records (live: only if not retracted) and
// derives its facts; the records' orders carry their status, and their
// evidence each mail's sender as the facts place it (vault.Placed).
func (s *Service) caseFacts(ctx context.Context, ref string, live bool) (vault.CaseRecords, vault.CaseFacts, error) {
	id, err := s.DB.ResolveCase(ctx, ref)
	if err != nil {
		return vault.CaseRecords{}, vault.CaseFacts{}, err
	}
	r, err := s.DB.CaseRecords(ctx, id)
	if err != nil {
		return r, vault.CaseFacts{}, err
	}
	if live && r.File.Case.Retracted != "" {
		return r, vault.CaseFacts{}, fmt.Errorf("%s is %w: it has no dossier or letter", id, vault.ErrRetracted)
	}
	f := derive(r)
	r.File.Orders, r.File.Evidence = f.Orders, vault.Placed(r.File.Evidence, r.Buyer)
	return r, f, nil
}

// OrderFacts are the facts of the order named by ref as if it were a
// dispute of its own: what a letter about an order with no case states.
func (s *Service) OrderFacts(ctx context.Context, ref string) (vault.CaseFacts, error) {
	id, err := s.DB.ResolveOrder(ctx, ref)
	if err != nil {
		return vault.CaseFacts{}, err
	}
	r, err := s.DB.NewCaseRecords(ctx, vault.Case{Kind: vault.Dispute, Orders: []vault.OrderID{id}})
	if err != nil {
		return vault.CaseFacts{}, err
	}
	if len(r.File.Orders) == 0 {
		return vault.CaseFacts{}, fmt.Errorf("%s: %w", id, vault.ErrNotFound)
	}
	if o := r.File.Orders[0]; o.Retracted != "" {
		return vault.CaseFacts{}, fmt.Errorf("%s is %w: it has no letter", id, vault.ErrRetracted)
	}
	return derive(r), nil
}

// Place says who each piece of evidence comes from, as the facts place it:
// a mail from the buyer's own addresses is the buyer's, another about an
// order the seller's (vault.PartyOf).
func (s *Service) Place(ctx context.Context, list []vault.Evidence) ([]vault.Evidence, error) {
	conf, err := s.DB.Config(ctx)
	return vault.Placed(list, vault.BuyerAddresses(conf[string(vault.SettingEmail)])), err
}

// derive works out the facts, with each order's status as the cases about
// it leave it.
func derive(r vault.CaseRecords) vault.CaseFacts {
	cases := append([]vault.Case{r.File.Case}, r.Others...)
	for i := range r.File.Orders {
		r.File.Orders[i].Status = vault.StatusOf(r.File.Orders[i], cases)
	}
	return vault.Derive(r)
}
