package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"vault"
	"vault/internal/date"
)

// recordEdits appends an edit by by for each field whose stored form
// changed from old to new, each a record of the audit log, and returns them.
func recordEdits(ctx context.Context, tx *sql.Tx, now, by, record string, old, new map[string]string) ([]vault.Edit, error) {
	var edits []vault.Edit
	at, err := time.Parse(time.RFC3339, now)
	if err != nil {
		return nil, err
	}
	for _, field := range vault.Diff(old, new) {
		e := vault.Edit{Record: record, Field: field, Old: old[field], New: new[field], By: by, At: at}
		res, err := exec(ctx, tx, `INSERT INTO edits (record, field, old, new, by, at) VALUES (?,?,?,?,?,?)`,
			e.Record, e.Field, e.Old, e.New, e.By, now)
		if err != nil {
			return nil, fmt.Errorf("record edit: %w", err)
		}
		if e.ID, err = res.LastInsertId(); err != nil {
			return nil, err
		}
		if err := audit(ctx, tx, now, "edit", ref(fmt.Sprintf("EDIT-%d", e.ID))); err != nil {
			return nil, err
		}
		edits = append(edits, e)
	}
	return edits, nil
}

// ErrNoChange is an update that changes nothing.
var ErrNoChange = errors.New("nothing to change: the record already says so")

// An updater reads a record of type T in a transaction and writes it back
// changed (old for what it must compare).
type updater[T interface{ Fields() map[string]string }] struct {
	id     fmt.Stringer
	action string
	load   func(*sql.Tx) (T, error)
	save   func(tx *sql.Tx, now string, old, new T) error
}

// update is the transaction of one 'vault set', its edits by the vault's user.
func update[T interface{ Fields() map[string]string }](ctx context.Context, db *DB, u updater[T], change func(T) (T, error)) ([]vault.Edit, error) {
	var edits []vault.Edit
	err := db.write(ctx, func(tx *sql.Tx) error {
		var err error
		edits, err = u.in(ctx, tx, db.now(), db.By, change)
		return err
	})
	return edits, err
}

// in changes the record inside tx: change returns it changed, each field
// whose stored form differs becomes an edit by by, the new record is
// saved and gets its audit entry. Nothing changed is ErrNoChange.
func (u updater[T]) in(ctx context.Context, tx *sql.Tx, now, by string, change func(T) (T, error)) ([]vault.Edit, error) {
	old, err := u.load(tx)
	if err != nil {
		return nil, err
	}
	if gone, err := retracted(ctx, tx, u.id.String()); err != nil || gone {
		return nil, cmpOr(err, fmt.Errorf("%s is %w: it takes no more changes", u.id, vault.ErrRetracted))
	}
	n, err := change(old)
	if err != nil {
		return nil, err
	}
	edits, err := recordEdits(ctx, tx, now, by, u.id.String(), old.Fields(), n.Fields())
	if err != nil || len(edits) == 0 {
		return nil, cmpOr(err, ErrNoChange)
	}
	if err := u.save(tx, now, old, n); err != nil {
		return nil, err
	}
	return edits, audit(ctx, tx, now, u.action, u.id)
}

// UpdateOrder changes an order: change receives the order as recorded and
// returns it changed; its columns, items, tracking numbers and facts are
// written again and it is indexed again.
func (db *DB) UpdateOrder(ctx context.Context, id vault.OrderID, change func(vault.Order) (vault.Order, error)) ([]vault.Edit, error) {
	return update(ctx, db, orderUpdater(ctx, id), change)
}

func orderUpdater(ctx context.Context, id vault.OrderID) updater[vault.Order] {
	load := func(tx *sql.Tx) (vault.Order, error) { return orderByID(ctx, tx, id) }
	return updater[vault.Order]{id, "set order", load, func(tx *sql.Tx, _ string, _, o vault.Order) error {
		total, cur := moneyArgs(o.Total)
		if _, err := exec(ctx, tx, `UPDATE orders SET marketplace = ?, number = ?, seller = ?, total_minor = ?, currency = ?,
			ordered_at = ?, paid_at = ?, shipped_at = ?, expected_at = ?, delivered_at = ?, payment = ?, note = ? WHERE id = ?`,
			o.Marketplace, o.Number, o.Seller, total, cur, o.Ordered.String(), o.Paid.String(), o.Shipped.String(),
			o.Expected.String(), o.Delivered.String(), o.Payment, o.Note, id); err != nil {
			return fmt.Errorf("update order: %w", err)
		}
		for _, table := range []string{"order_items", "order_tracking", "order_facts"} {
			if _, err := exec(ctx, tx, `DELETE FROM `+table+` WHERE order_id = ?`, id); err != nil {
				return err
			}
		}
		if err := writeOrderLists(ctx, tx, id, o); err != nil {
			return err
		}
		return reindex(ctx, tx, id.String(), func() error { return indexOrder(ctx, tx, id) })
	}}
}

// UpdateCase changes a case, as UpdateOrder does an order; a change of
// status (an outcome) is recorded in its timeline.
func (db *DB) UpdateCase(ctx context.Context, id vault.CaseID, change func(vault.Case) (vault.Case, error)) ([]vault.Edit, error) {
	return update(ctx, db, db.caseUpdater(ctx, id), change)
}

func (db *DB) caseUpdater(ctx context.Context, id vault.CaseID) updater[vault.Case] {
	load := func(tx *sql.Tx) (vault.Case, error) {
		return first[vault.Case](id)(queryCases(ctx, tx, `WHERE c.id = ?`, id))
	}
	return updater[vault.Case]{id, "set case", load, func(tx *sql.Tx, now string, old, c vault.Case) error {
		if c.Account != 0 && c.Account != old.Account {
			if err := writable(ctx, tx, "accounts", int64(c.Account), c.Account.String()); err != nil {
				return err
			}
		}
		amount, cur := moneyArgs(c.Amount)
		if _, err := exec(ctx, tx, `UPDATE cases SET title = ?, receiver = ?, reference = ?, amount_minor = ?, currency = ?,
			opened_at = ?, status = ?, closed_at = ? WHERE id = ?`, c.Title, c.Receiver, c.Reference, amount, cur,
			c.Opened.String(), c.Status, c.Closed.String(), id); err != nil {
			return fmt.Errorf("update case: %w", err)
		}
		if err := writeCaseFacts(ctx, tx, id, c); err != nil {
			return err
		}
		if c.Opened != old.Opened { // the event that says so moves with it, by kind or, before kinds, by its text
			if _, err := exec(ctx, tx, `UPDATE case_events SET at = ? WHERE case_id = ? AND at = ? AND (kind = 'opened' OR kind = '' AND text = ?)`,
				c.Opened.String(), id, old.Opened.String(), string(c.Kind)+" case opened"); err != nil {
				return err
			}
		}
		if e, ok := vault.Decision(old, c, date.Instant(db.Now())); ok {
			if err := insertEvent(ctx, tx, id, e, now); err != nil {
				return err
			}
		}
		return indexCase(ctx, tx, id)
	}}
}

// writeCaseFacts replaces a case's facts.
func writeCaseFacts(ctx context.Context, tx *sql.Tx, id vault.CaseID, c vault.Case) error {
	if _, err := exec(ctx, tx, `DELETE FROM case_facts WHERE case_id = ?`, id); err != nil {
		return err
	}
	for k, v := range c.Facts() {
		if _, err := exec(ctx, tx, `INSERT INTO case_facts (case_id, key, value) VALUES (?,?,?)`, id, k, v); err != nil {
			return fmt.Errorf("insert %s: %w", k, err)
		}
	}
	return nil
}

// UpdateEvidence changes evidence, as UpdateOrder does an order.
func (db *DB) UpdateEvidence(ctx context.Context, id vault.EvidenceID, change func(vault.Evidence) (vault.Evidence, error)) ([]vault.Edit, error) {
	load := func(tx *sql.Tx) (vault.Evidence, error) {
		return first[vault.Evidence](id)(queryEvidence(ctx, tx, `WHERE e.id = ?`, id))
	}
	return update(ctx, db, updater[vault.Evidence]{id, "set evidence", load, func(tx *sql.Tx, _ string, _, e vault.Evidence) error {
		if _, err := exec(ctx, tx, `UPDATE evidence SET kind = ?, occurred_at = ?, party = ?, title = ?, note = ?, body = ?
			WHERE id = ?`, e.Kind, e.OccurredAt.String(), e.Party, e.Title, e.Note, e.Body, id); err != nil {
			return fmt.Errorf("update evidence: %w", err)
		}
		return reindex(ctx, tx, id.String(), func() error { return indexEvidence(ctx, tx, id) })
	}}, change)
}

// reindex replaces a record's rows in the full-text indexes.
func reindex(ctx context.Context, tx *sql.Tx, ref string, index func() error) error {
	if err := unindex(ctx, tx, ref); err != nil {
		return err
	}
	return index()
}

// Edits lists the changes made to a record, oldest first.
func (db *DB) Edits(ctx context.Context, record string) ([]vault.Edit, error) {
	return readValue(ctx, db, func(tx *sql.Tx) ([]vault.Edit, error) {
		edits, _, err := scanAll(ctx, tx, `SELECT id, record, field, old, new, by, at,
			coalesce((SELECT a.id FROM audit a WHERE a.record = 'EDIT-' || edits.id), 0) FROM edits WHERE record = ? ORDER BY id`,
			[]any{record}, func(r *sql.Rows) (vault.Edit, error) {
				var e vault.Edit
				var at string
				if err := r.Scan(&e.ID, &e.Record, &e.Field, &e.Old, &e.New, &e.By, &at, &e.Entry); err != nil {
					return e, err
				}
				var err error
				e.At, err = time.Parse(time.RFC3339, at)
				return e, err
			}, func(e vault.Edit) int64 { return e.ID })
		return edits, err
	})
}

// cmpOr is the first non-nil error.
func cmpOr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
