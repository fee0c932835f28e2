package casework

import (
	"context"
	"fmt"

	"vault"
	"vault/internal/lang"
)

// Links resolves the orders (ids or order numbers) and cases named to link to.
func (s *Service) Links(ctx context.Context, orderRefs, caseRefs []string) (vault.Links, error) {
	var links vault.Links
	for _, ref := range orderRefs {
		id, err := s.DB.ResolveOrder(ctx, ref)
		if err != nil {
			return links, err
		}
		links.Orders = append(links.Orders, id)
	}
	for _, ref := range caseRefs {
		id, err := s.DB.ResolveCase(ctx, ref)
		if err != nil {
			return links, err
		}
		links.Cases = append(links.Cases, id)
	}
	return links, nil
}

// NewCase resolves the orders a new case is about and fills what depends
// on them: the title ("Chargeback: aliexpress order 81..."), and the amount
// claimed, which defaults to what of the orders' totals is left when the
// refunds the facts count are taken off (vault.Derive), when it is known.
// It returns the case ready to add, with its orders.
func (s *Service) NewCase(ctx context.Context, c vault.Case, orderRefs []string) (vault.Case, []vault.Order, error) {
	var orders []vault.Order
	for _, ref := range orderRefs {
		id, err := s.DB.ResolveOrder(ctx, ref)
		if err != nil {
			return c, nil, err
		}
		o, err := s.DB.Order(ctx, id)
		if err != nil {
			return c, nil, err
		}
		orders = append(orders, o)
		c.Orders = append(c.Orders, id)
	}
	if err := s.oneMarketplace(ctx, c, orders); err != nil {
		return c, nil, fmt.Errorf("%w: open a case for each", err)
	}
	if c.Title == "" {
		c.Title = vault.DefaultTitle(lang.EN, c.Kind, orders)
	}
	if err := c.CheckText(); err != nil {
		return c, nil, err
	}
	if !c.Amount.IsZero() {
		return c, orders, nil
	}
	r, err := s.DB.NewCaseRecords(ctx, c)
	if err != nil {
		return c, nil, err
	}
	if m := vault.Derive(r).Money; m.Known && m.Left.Minor > 0 {
		c.Amount = m.Left
	}
	return c, orders, nil
}

// CaseFile reads the case named by ref with everything linked to it.
func (s *Service) CaseFile(ctx context.Context, ref string) (vault.CaseFile, error) {
	id, err := s.DB.ResolveCase(ctx, ref)
	if err != nil {
		return vault.CaseFile{}, err
	}
	f, err := s.DB.CaseFile(ctx, id)
	if err != nil {
		return f, err
	}
	cases, err := s.DB.Cases(ctx, false)
	for i := range f.Orders {
		f.Orders[i].Status = vault.StatusOf(f.Orders[i], cases)
	}
	return f, err
}

// LiveCaseFile is CaseFile for what speaks for the case (a dossier, a
// letter): a retracted case has nothing to say.
func (s *Service) LiveCaseFile(ctx context.Context, ref string) (vault.CaseFile, error) {
	f, err := s.CaseFile(ctx, ref)
	if err == nil && f.Case.Retracted != "" {
		err = fmt.Errorf("%s is %w: it has no dossier or letter", f.Case.ID, vault.ErrRetracted)
	}
	return f, err
}

// LinkCase adds the orders named (ids or order numbers) and the evidence
// to a case.
func (s *Service) LinkCase(ctx context.Context, id vault.CaseID, orderRefs []string, evidence []vault.EvidenceID) error {
	links, err := s.Links(ctx, orderRefs, nil)
	if err != nil {
		return err
	}
	f, err := s.CaseFile(ctx, id.String())
	if err != nil {
		return err
	}
	for _, o := range links.Orders {
		order, err := s.DB.Order(ctx, o)
		if err != nil {
			return err
		}
		f.Orders = append(f.Orders, order)
	}
	if err := s.oneMarketplace(ctx, f.Case, f.Orders); err != nil {
		return fmt.Errorf("%w: open another case for it", err)
	}
	return s.DB.LinkCase(ctx, id, links.Orders, evidence)
}

// oneMarketplace checks that the orders and the account of a
// reinstatement are at one marketplace (see vault.OneMarketplace).
func (s *Service) oneMarketplace(ctx context.Context, c vault.Case, orders []vault.Order) error {
	if c.Kind != vault.Reinstatement {
		return nil
	}
	var account *vault.Account
	if c.Account != 0 {
		a, err := s.DB.Account(ctx, c.Account)
		if err != nil {
			return err
		}
		account = &a
	}
	return vault.OneMarketplace(orders, account)
}
