package casework

import (
	"context"
	"fmt"
	"os"
	"os/user"
	"strings"
	"time"

	"vault"
	"vault/internal/date"
	"vault/store"
)

// whoever names the user who makes changes, for their edits.
func whoever() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}

// SetOrder changes the order named by ref (id or order number). Dates that
// cannot be right (see vault.Order.Check) need force.
func (s *Service) SetOrder(ctx context.Context, ref string, changes []vault.Change, force bool) ([]vault.Edit, error) {
	id, err := s.DB.ResolveOrder(ctx, ref)
	if err != nil {
		return nil, err
	}
	return s.DB.UpdateOrder(ctx, id, func(o vault.Order) (vault.Order, error) {
		o, err := o.Apply(changes)
		if err != nil {
			return o, err
		}
		return o, o.Check(s.localNow(), force)
	})
}

// localNow is now in the user's zone: its day is today.
func (s *Service) localNow() time.Time { return s.Now().In(s.Loc) }

// SetCase changes the case named by ref. An outcome decides it (today,
// unless a day is given); reopening a decided case, dates that look wrong
// and a day opened before the case's first order need force. The account
// of a reinstatement must be at its orders' marketplace.
func (s *Service) SetCase(ctx context.Context, ref string, changes []vault.Change, force bool) ([]vault.Edit, error) {
	f, err := s.CaseFile(ctx, ref)
	if err != nil {
		return nil, err
	}
	var first date.Value
	for _, o := range f.Orders {
		if !o.Ordered.IsZero() && (first.IsZero() || o.Ordered.Time().Before(first.Time())) {
			first = o.Ordered
		}
	}
	if n, err := f.Case.Apply(changes, s.localNow(), force); err == nil && n.Account != f.Case.Account {
		if err := s.oneMarketplace(ctx, n, f.Orders); err != nil {
			return nil, err
		}
	}
	return s.DB.UpdateCase(ctx, f.Case.ID, func(c vault.Case) (vault.Case, error) {
		n, err := c.Apply(changes, s.localNow(), force)
		if err == nil && n.Opened != c.Opened {
			err = vault.CheckEventDay(n.Opened, first, force)
		}
		return n, err
	})
}

// SetEvidence changes a piece of evidence; a date after today needs force.
func (s *Service) SetEvidence(ctx context.Context, id vault.EvidenceID, changes []vault.Change, force bool) ([]vault.Edit, error) {
	return s.DB.UpdateEvidence(ctx, id, func(e vault.Evidence) (vault.Evidence, error) {
		e, err := e.Apply(changes)
		if err != nil {
			return e, err
		}
		return e, e.Check(s.localNow(), force)
	})
}

// SetAccount changes a marketplace account; dates that look wrong need force.
func (s *Service) SetAccount(ctx context.Context, id vault.AccountID, changes []vault.Change, force bool) ([]vault.Edit, error) {
	return s.DB.UpdateAccount(ctx, id, func(a vault.Account) (vault.Account, error) {
		a, err := a.Apply(changes)
		if err != nil {
			return a, err
		}
		return a, a.Check(s.localNow(), force)
	})
}

// Unlink takes a record (EV-n or ORD-n) out of a case, or evidence off an
// order (refs name them as the CLI does).
func (s *Service) Unlink(ctx context.Context, record string, caseRef, orderRef string) ([]vault.Edit, error) {
	links, err := s.Links(ctx, nonEmpty(orderRef), nonEmpty(caseRef))
	if err != nil {
		return nil, err
	}
	if o, ok := vault.ParseOrderID(record); ok {
		if len(links.Cases) != 1 || len(links.Orders) != 0 {
			return nil, fmt.Errorf("an order is unlinked from a case: give the case")
		}
		return s.DB.UnlinkOrder(ctx, o, links.Cases[0])
	}
	e, err := vault.ParseEvidenceID(record)
	if err != nil {
		return nil, fmt.Errorf("%q: unlink evidence (EV-n) or an order (ORD-n)", record)
	}
	return s.DB.UnlinkEvidence(ctx, e, links)
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

// Retract takes a record entered by mistake out of listings, deadlines,
// dossiers and search (see store.DB.Retract); an order can be named by its
// number.
func (s *Service) Retract(ctx context.Context, ref, reason string) (string, error) {
	record, ok := recordName(ref)
	if !ok {
		id, err := s.DB.ResolveOrder(ctx, ref)
		if err != nil {
			return "", err
		}
		record = id.String()
	}
	return record, s.DB.Retract(ctx, record, reason)
}

// recordName reads ORD-n, EV-n, CASE-n or ACC-n in any case.
func recordName(ref string) (string, bool) {
	kind, num, ok := strings.Cut(strings.ToUpper(strings.TrimSpace(ref)), "-")
	if !ok || (kind != "ORD" && kind != "EV" && kind != "CASE" && kind != "ACC") || num == "" ||
		strings.Trim(num, "0123456789") != "" {
		return "", false
	}
	return kind + "-" + strings.TrimLeft(num, "0"), true
}

// Purge removes the files that only retracted evidence refers to: the
// purge is recorded first, then each file removed.
func (s *Service) Purge(ctx context.Context) ([]store.Purgeable, error) {
	return s.DB.Purge(ctx, func(sum string) error {
		if err := s.Blobs.Remove(s.Blobs.Path(sum)); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	})
}
