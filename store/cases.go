package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"vault"

	"vault/internal/date"
)

// AddCase records c with its orders (at least one) and a first event saying it
// was opened, in one transaction. Opened defaults to now.
func (db *DB) AddCase(ctx context.Context, c vault.Case) (vault.CaseID, error) {
	if len(c.Orders) == 0 {
		return 0, errors.New("a case needs at least one order")
	}
	if c.Opened.IsZero() {
		c.Opened = date.Instant(db.Now())
	}
	var id vault.CaseID
	err := db.write(ctx, func(tx *sql.Tx) error {
		if err := checkLinks(ctx, tx, vault.Links{Orders: c.Orders}, false); err != nil {
			return err
		}
		amount, cur := moneyArgs(c.Amount)
		now := db.now()
		res, err := tx.ExecContext(ctx, `INSERT INTO cases (kind, title, receiver, reference, amount_minor, currency,
			opened_at, created_at) VALUES (?,?,?,?,?,?,?,?)`,
			c.Kind, c.Title, c.Receiver, c.Reference, amount, cur, c.Opened.String(), now)
		if err != nil {
			return fmt.Errorf("insert case: %w", err)
		}
		n, err := res.LastInsertId()
		if err != nil {
			return err
		}
		id = vault.CaseID(n)
		if err := writeCaseFacts(ctx, tx, id, c); err != nil {
			return err
		}
		if c.Account != 0 {
			if err := writable(ctx, tx, "accounts", int64(c.Account), c.Account.String()); err != nil {
				return err
			}
		}
		if err := checkLinks(ctx, tx, vault.Links{Orders: c.Orders}, false); err != nil {
			return err
		}
		for _, o := range c.Orders {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO case_orders (case_id, order_id) VALUES (?,?)`, id, o); err != nil {
				return fmt.Errorf("link order: %w", err)
			}
		}
		if err := insertEvent(ctx, tx, id, vault.Opened(c), now); err != nil {
			return err
		}
		if err := indexCase(ctx, tx, id); err != nil {
			return err
		}
		return audit(ctx, tx, now, "add case", id)
	})
	return id, err
}

// Cases returns every case, oldest first.
// Those retracted come only with all.
func (db *DB) Cases(ctx context.Context, all bool) ([]vault.Case, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Case, error) { return queryCases(ctx, tx, liveWhere(all, liveCase)) })
}

// inCase selects the evidence of a case (three arguments, its id): linked
// to it, or to one of its orders and not taken out of it.
const inCase = `(e.id IN (SELECT evidence_id FROM evidence_cases WHERE case_id = ?)
	OR e.id IN (SELECT eo.evidence_id FROM evidence_orders eo JOIN case_orders co USING (order_id) WHERE co.case_id = ?)
		AND e.id NOT IN (SELECT evidence_id FROM case_excluded WHERE case_id = ?))`

// CaseFile reads a whole case in one consistent snapshot: the case (even
// retracted), its live orders and the live evidence in it.
func (db *DB) CaseFile(ctx context.Context, id vault.CaseID) (vault.CaseFile, error) {
	return readValue(ctx, db, func(tx *sql.Tx) (vault.CaseFile, error) { return caseFile(ctx, tx, id) })
}

// caseFile reads a whole case within tx.
func caseFile(ctx context.Context, tx *sql.Tx, id vault.CaseID) (vault.CaseFile, error) {
	var f vault.CaseFile
	err := func() error {
		cs, err := queryCases(ctx, tx, `WHERE c.id = ?`, id)
		if err != nil {
			return err
		}
		if len(cs) == 0 {
			return fmt.Errorf("case %s: %w", id, vault.ErrNotFound)
		}
		f.Case = cs[0]
		if f.Orders, err = queryOrders(ctx, tx, `WHERE o.id IN (SELECT order_id FROM case_orders WHERE case_id = ?) AND `+liveOrder, id); err != nil {
			return err
		}
		f.Evidence, err = queryEvidence(ctx, tx, `WHERE `+inCase+` AND `+liveEvidence, id, id, id)
		if err != nil {
			return err
		}
		if f.Pictures, err = pictures(ctx, tx, f.Evidence); err != nil {
			return err
		}
		if f.Pages, err = pagesOf(ctx, tx, evidenceIDs(f.Evidence)); err != nil {
			return err
		}
		if f.Events, err = queryEvents(ctx, tx, id); err != nil {
			return err
		}
		if f.Case.Account != 0 {
			a, err := accountByID(ctx, tx, f.Case.Account)
			if err != nil {
				return err
			}
			if a.Retracted == "" {
				f.Account = &a
			}
		}
		if f.Statement, err = queryStatement(ctx, tx, id); err != nil {
			return err
		}
		f.Charges, err = queryTransactions(ctx, tx, `EXISTS (SELECT 1 FROM transaction_orders x JOIN case_orders co USING (order_id)
			WHERE x.transaction_id = t.id AND x.state = 'linked' AND co.case_id = ?)`, id)
		if err != nil || len(f.Charges) == 0 {
			return err
		}
		f.Statements, err = queryEvidence(ctx, tx, `WHERE e.id IN (SELECT t.statement_id FROM transactions t
			JOIN transaction_orders x ON x.transaction_id = t.id JOIN case_orders co USING (order_id)
			WHERE x.state = 'linked' AND co.case_id = ?)`, id)
		return err
	}()
	return f, err
}

func queryCases(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]vault.Case, error) {
	out, index, err := scanAll(ctx, tx, `SELECT c.id, c.kind, c.status, c.title, c.receiver, c.reference, c.amount_minor,
		c.currency, c.opened_at, c.closed_at, c.created_at, coalesce((SELECT reason FROM retractions WHERE record = 'CASE-' || c.id), '')
		FROM cases c `+where+` ORDER BY c.id`, args,
		scanCase, func(c vault.Case) vault.CaseID { return c.ID })
	if err != nil || len(out) == 0 {
		return out, err
	}
	sub := `SELECT c.id FROM cases c ` + where
	err = eachPair(ctx, tx, `SELECT case_id, order_id FROM case_orders WHERE case_id IN (`+sub+`)
		ORDER BY case_id, order_id`, args,
		func(c vault.CaseID, o vault.OrderID) {
			if i, ok := index[c]; ok {
				out[i].Orders = append(out[i].Orders, o)
			}
		})
	if err != nil {
		return nil, err
	}
	err = eachFact(ctx, tx, `SELECT case_id, key, value FROM case_facts WHERE case_id IN (`+sub+`) ORDER BY case_id, key`, args,
		func(id int64, k, v string) error { return out[index[vault.CaseID(id)]].SetFact(k, v) })
	return out, err
}

func scanCase(rows *sql.Rows) (vault.Case, error) {
	var c vault.Case
	var amount sql.NullInt64
	var cur sql.NullString
	var opened, closed, created string
	err := rows.Scan(&c.ID, &c.Kind, &c.Status, &c.Title, &c.Receiver, &c.Reference, &amount, &cur,
		&opened, &closed, &created, &c.Retracted)
	if err != nil {
		return c, fmt.Errorf("scan case: %w", err)
	}
	c.Amount = scanMoney(amount, cur)
	if c.Opened, err = date.Stored(opened); err != nil {
		return c, err
	}
	if c.Closed, err = date.Stored(closed); err != nil {
		return c, err
	}
	c.CreatedAt, err = time.Parse(time.RFC3339, created)
	return c, err
}

func queryEvents(ctx context.Context, tx *sql.Tx, id vault.CaseID) ([]vault.Event, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, text, kind, vals FROM case_events WHERE case_id = ? ORDER BY at, id`, id)
	if err != nil {
		return nil, fmt.Errorf("query events: %w", err)
	}
	defer rows.Close()
	var out []vault.Event
	for rows.Next() {
		var e vault.Event
		var at, vals string
		if err := rows.Scan(&e.ID, &at, &e.Text, &e.Kind, &vals); err != nil {
			return nil, err
		}
		if vals != "" {
			if err := json.Unmarshal([]byte(vals), &e.EventValues); err != nil {
				return nil, fmt.Errorf("event %d: %w", e.ID, err)
			}
		}
		if e.At, err = date.Stored(at); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// insertEvent records an event of a case: a kind with its values, or the
// buyer's text.
func insertEvent(ctx context.Context, tx *sql.Tx, id vault.CaseID, e vault.Event, now string) error {
	vals := ""
	if e.Kind != vault.EventNote {
		b, err := json.Marshal(e.EventValues)
		if err != nil {
			return err
		}
		vals = string(b)
	}
	if _, err := exec(ctx, tx, `INSERT INTO case_events (case_id, at, text, created_at, kind, vals) VALUES (?,?,?,?,?,?)`,
		id, e.At.String(), e.Text, now, e.Kind, vals); err != nil {
		return fmt.Errorf("add event: %w", err)
	}
	return nil
}

// ResolveCase checks that a case id exists.
func (db *DB) ResolveCase(ctx context.Context, ref string) (vault.CaseID, error) {
	id, err := vault.ParseCaseID(ref)
	if err != nil {
		return 0, err
	}
	err = db.read(ctx, func(tx *sql.Tx) error { return exists(ctx, tx, "cases", int64(id), id.String()) })
	return id, err
}

// OrderFile reads an order with everything linked to it in one snapshot.
func (db *DB) OrderFile(ctx context.Context, id vault.OrderID) (vault.OrderFile, error) {
	var f vault.OrderFile
	err := db.read(ctx, func(tx *sql.Tx) error {
		var err error
		if f.Order, err = orderByID(ctx, tx, id); err != nil {
			return err
		}
		if f.Evidence, err = queryEvidence(ctx, tx, `WHERE e.id IN (SELECT evidence_id FROM evidence_orders WHERE order_id = ?) AND `+liveEvidence, id); err != nil {
			return err
		}
		if f.Cases, err = queryCases(ctx, tx, `WHERE c.id IN (SELECT case_id FROM case_orders WHERE order_id = ?) AND `+liveCase, id); err != nil {
			return err
		}
		f.Charges, err = queryCharges(ctx, tx, id)
		return err
	})
	return f, err
}
