package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"vault"
	"vault/internal/date"
)

// understand does what a notice says, inside the transaction that records
// its mail (ev): it fills what the records it names leave empty, each an
// edit by the mail (its evidence id), and makes a suggestion of what would
// change a recorded value, or add an order or a case. A value the record
// cannot take as it stands (a refund above the total, a day after today)
// is a suggestion too.
func (db *DB) understand(ctx context.Context, tx *sql.Tx, now string, ev vault.EvidenceID, n vault.Notice) (vault.Understood, error) {
	nu := noticeWork{db: db, tx: tx, now: now, ev: ev, u: vault.Understood{Notice: n}}
	var err error
	if n.Kind == vault.NoticeRestricted {
		err = nu.account(ctx)
	} else {
		err = nu.order(ctx)
	}
	return nu.u, err
}

// noticeWork is one notice being understood.
type noticeWork struct {
	db  *DB
	tx  *sql.Tx
	now string
	ev  vault.EvidenceID
	u   vault.Understood
}

// today is now in the user's zone, for the records' checks.
func (w *noticeWork) today() time.Time {
	if w.db.Loc == nil {
		return w.db.Now().UTC()
	}
	return w.db.Now().In(w.db.Loc)
}

// order fills and suggests on the one live order the notice names, and
// for a dispute on the case that records it; a confirmation of an order
// the vault does not hold suggests adding it.
func (w *noticeWork) order(ctx context.Context) error {
	n := w.u.Notice
	if n.Order == "" {
		return nil
	}
	where, args := `WHERE o.number = ? AND `+liveOrder, []any{n.Order}
	if n.Marketplace != "" {
		where, args = where+` AND o.marketplace = ?`, append(args, n.Marketplace)
	}
	orders, err := queryOrders(ctx, w.tx, where, args...)
	if err != nil {
		return err
	}
	if len(orders) == 0 && n.Kind == vault.NoticeOrdered {
		return w.suggest(ctx, vault.Suggestion{Do: vault.SuggestAddOrder, Changes: newOrder(n)})
	}
	if len(orders) != 1 {
		return nil // none recorded, or the number is two marketplaces': which one, the buyer knows
	}
	o := orders[0]
	w.u.Orders = []vault.OrderID{o.ID}
	fill, later := n.OrderChanges(o)
	err = w.fill(ctx, o.ID.String(), fill, later, func(changes []vault.Change) ([]vault.Edit, error) {
		return orderUpdater(ctx, o.ID).in(ctx, w.tx, w.now, w.ev.String(), func(o vault.Order) (vault.Order, error) {
			o, err := o.Apply(changes)
			if err != nil {
				return o, err
			}
			return o, o.Check(w.today(), false)
		})
	})
	if err != nil || (n.Kind != vault.NoticeDisputeOpened && n.Kind != vault.NoticeDisputeDecided) {
		return err
	}
	return w.dispute(ctx, o)
}

// newOrder are the fields of the order a confirmation names.
func newOrder(n vault.Notice) []vault.Change {
	out := []vault.Change{{Field: "marketplace", Op: vault.Set, Value: string(n.Marketplace)},
		{Field: "number", Op: vault.Set, Value: n.Order}}
	fill, _ := n.OrderChanges(vault.Order{})
	return append(out, fill...)
}

// dispute files the mail under the live dispute case about o that records
// the dispute (by its number, or the only one), fills its number and
// suggests its outcome; without one it suggests opening it.
func (w *noticeWork) dispute(ctx context.Context, o vault.Order) error {
	n := w.u.Notice
	cases, err := queryCases(ctx, w.tx, `WHERE c.kind = 'dispute' AND `+liveCase+`
		AND c.id IN (SELECT case_id FROM case_orders WHERE order_id = ?)`, o.ID)
	if err != nil {
		return err
	}
	var c *vault.Case
	for i := range cases {
		if n.Dispute != "" && cases[i].DisputeNumber == n.Dispute {
			c = &cases[i]
		}
	}
	switch {
	case c == nil && len(cases) == 1:
		c = &cases[0]
	case c == nil && len(cases) == 0:
		return w.suggest(ctx, vault.Suggestion{Do: vault.SuggestAddCase, Record: o.ID.String(), CaseKind: vault.Dispute,
			Changes: n.NewCaseChanges()})
	case c == nil:
		return nil // several: which one, the buyer knows
	}
	if err := w.file(ctx, vault.Links{Cases: []vault.CaseID{c.ID}}); err != nil {
		return err
	}
	fill, later := n.CaseChanges(*c)
	return w.fill(ctx, c.ID.String(), fill, later, func(changes []vault.Change) ([]vault.Edit, error) {
		return w.db.caseUpdater(ctx, c.ID).in(ctx, w.tx, w.now, w.ev.String(), func(c vault.Case) (vault.Case, error) {
			return c.Apply(changes, w.today(), false)
		})
	})
}

// account records the restricted account, or fills the recorded one, and
// suggests a reinstatement case unless one names the account (or the
// account is PayPal's); the mail is filed under that case when there is one.
func (w *noticeWork) account(ctx context.Context) error {
	n := w.u.Notice
	accounts, err := queryAccounts(ctx, w.tx, `WHERE a.marketplace = ? AND lower(a.login) = lower(?) AND `+liveAccount,
		string(n.From), n.Login)
	if err != nil {
		return err
	}
	var id vault.AccountID
	if len(accounts) > 0 {
		id = accounts[0].ID
		fill, later := n.AccountChanges(accounts[0])
		err = w.fill(ctx, id.String(), fill, later, func(changes []vault.Change) ([]vault.Edit, error) {
			return accountUpdater(ctx, id).in(ctx, w.tx, w.now, w.ev.String(), func(a vault.Account) (vault.Account, error) {
				a, err := a.Apply(changes)
				if err != nil {
					return a, err
				}
				return a, a.Check(w.today(), false)
			})
		})
	} else {
		id, err = w.newAccount(ctx, n.Account())
	}
	if err != nil {
		return err
	}
	cases, err := queryCases(ctx, w.tx, `WHERE c.kind = 'reinstatement' AND `+liveCase+`
		AND c.id IN (SELECT case_id FROM case_facts WHERE key = 'account' AND value = ?)`, id.String())
	if err != nil {
		return err
	}
	switch {
	case len(cases) > 0:
		return w.file(ctx, vault.Links{Cases: []vault.CaseID{cases[0].ID}})
	case n.From == vault.PayPal:
		return nil // a reinstatement is about a marketplace's orders (vault.OneMarketplace); PayPal's are other marketplaces'
	}
	return w.suggest(ctx, vault.Suggestion{Do: vault.SuggestAddCase, Record: id.String(), CaseKind: vault.Reinstatement,
		Changes: []vault.Change{{Field: "receiver", Op: vault.Set, Value: n.From.Name()}}})
}

// newAccount records the account a notice names; dates it cannot take as
// they stand (blocked after today) are left out and suggested.
func (w *noticeWork) newAccount(ctx context.Context, a vault.Account) (vault.AccountID, error) {
	var later []vault.Change
	if a.Check(w.today(), false) != nil {
		later = []vault.Change{{Field: "blocked", Op: vault.Set, Value: a.Blocked.String()},
			{Field: "appeal_by", Op: vault.Set, Value: a.AppealBy.String()}}
		a.Blocked, a.AppealBy = date.Value{}, date.Value{}
	}
	id, err := insertAccount(ctx, w.tx, w.now, a, "add account from "+w.ev.String())
	if err != nil {
		return 0, err
	}
	w.u.Account = id
	if len(later) == 0 {
		return id, nil
	}
	return id, w.suggest(ctx, vault.Suggestion{Do: vault.SuggestSet, Record: id.String(), Changes: later})
}

// fill makes the changes that fill a record by apply, and suggests the
// changes it would change; when the record cannot take the fills as they
// stand, they are suggested with the rest.
func (w *noticeWork) fill(ctx context.Context, record string, fill, later []vault.Change, apply func([]vault.Change) ([]vault.Edit, error)) error {
	if len(fill) > 0 {
		if _, err := exec(ctx, w.tx, `SAVEPOINT fill`); err != nil {
			return err
		}
		edits, err := apply(fill)
		switch {
		case err == nil:
			w.u.Filled = append(w.u.Filled, edits...)
		case errors.Is(err, ErrNoChange):
		case isRefusal(err):
			later = append(fill, later...)
			if _, err := exec(ctx, w.tx, `ROLLBACK TO fill`); err != nil {
				return err
			}
		default:
			return err
		}
		if _, err := exec(ctx, w.tx, `RELEASE fill`); err != nil {
			return err
		}
	}
	if len(later) == 0 {
		return nil
	}
	return w.suggest(ctx, vault.Suggestion{Do: vault.SuggestSet, Record: record, Changes: later})
}

// isRefusal reports whether err is a record refusing a value (a field it
// cannot take, a date that needs force), not a failure of the database.
func isRefusal(err error) bool {
	var fe *vault.FieldError
	var nf *vault.NeedsForceError
	return errors.As(err, &fe) || errors.As(err, &nf)
}

// suggest records a suggestion of the notice's mail, unless it was made before.
func (w *noticeWork) suggest(ctx context.Context, s vault.Suggestion) error {
	s.Evidence, s.Why = w.ev, w.u.Notice.Summary()
	made, err := suggest(ctx, w.tx, w.now, &s)
	if made {
		w.u.Suggested = append(w.u.Suggested, s)
	}
	return err
}

// file links the mail to a case, audited.
func (w *noticeWork) file(ctx context.Context, links vault.Links) error {
	if err := link(ctx, w.tx, w.ev, links); err != nil {
		return err
	}
	w.u.Cases = append(w.u.Cases, links.Cases...)
	return audit(ctx, w.tx, w.now, "link evidence", w.ev)
}
