package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"vault"

	"vault/internal/date"
)

// SetCaseStatus moves a case to status at the given time (default now) and
// records it as an event, with the note. Reopening a decided case, going
// back to draft or from escalated to open needs force (see CaseStatus.MoveTo).
func (db *DB) SetCaseStatus(ctx context.Context, id vault.CaseID, status vault.CaseStatus, at date.Value, note string, force bool) error {
	if _, err := vault.ParseCaseStatus(string(status)); err != nil {
		return err
	}
	at = db.orNow(at)
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, "cases", int64(id), id.String()); err != nil {
			return err
		}
		var from vault.CaseStatus
		if err := tx.QueryRowContext(ctx, `SELECT status FROM cases WHERE id = ?`, id).Scan(&from); err != nil {
			return err
		}
		if err := from.MoveTo(status, force); err != nil {
			return fmt.Errorf("%s: %w", id, err)
		}
		if err := checkEventDate(ctx, tx, id, at, force); err != nil {
			return err
		}
		closed := ""
		if status.Finished() {
			closed = at.String()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cases SET status = ?, closed_at = ? WHERE id = ?`, status, closed, id); err != nil {
			return fmt.Errorf("set status: %w", err)
		}
		return db.event(ctx, tx, id, vault.StatusMoved(at, from, status, note), "set status")
	})
}

// AddEvent records something that happened in a case: a phone call, a form sent.
func (db *DB) AddEvent(ctx context.Context, id vault.CaseID, at date.Value, text string, force bool) error {
	if text == "" {
		return errors.New("an event needs a text")
	}
	at = db.orNow(at)
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := writable(ctx, tx, "cases", int64(id), id.String()); err != nil {
			return err
		}
		if err := checkEventDate(ctx, tx, id, at, force); err != nil {
			return err
		}
		return db.event(ctx, tx, id, vault.Event{At: at, Text: text}, "add event")
	})
}

func (db *DB) orNow(at date.Value) date.Value {
	if at.IsZero() {
		return date.Instant(db.Now())
	}
	return at
}

func (db *DB) event(ctx context.Context, tx *sql.Tx, id vault.CaseID, e vault.Event, action string) error {
	now := db.now()
	if err := insertEvent(ctx, tx, id, e, now); err != nil {
		return err
	}
	if err := indexCase(ctx, tx, id); err != nil {
		return err
	}
	return audit(ctx, tx, now, action, id)
}

// checkEventDate refuses, without force, an event dated before the day the
// case's first order was placed (see vault.CheckEventDay).
func checkEventDate(ctx context.Context, tx *sql.Tx, id vault.CaseID, at date.Value, force bool) error {
	var first string
	err := tx.QueryRowContext(ctx, `SELECT coalesce(min(substr(o.ordered_at, 1, 10)), '') FROM orders o
		JOIN case_orders co ON co.order_id = o.id WHERE co.case_id = ? AND o.ordered_at <> ''`, id).Scan(&first)
	if err != nil {
		return err
	}
	firstDay, err := date.Stored(first)
	if err != nil {
		return err
	}
	return vault.CheckEventDay(at, firstDay, force)
}

// LinkCase adds orders and evidence to a case. Links that exist are kept.
func (db *DB) LinkCase(ctx context.Context, id vault.CaseID, orders []vault.OrderID, evidence []vault.EvidenceID) error {
	if len(orders)+len(evidence) == 0 {
		return errors.New("nothing to link: give an order or evidence")
	}
	return db.write(ctx, func(tx *sql.Tx) error {
		if err := checkLinks(ctx, tx, vault.Links{Orders: orders, Cases: []vault.CaseID{id}}, false); err != nil {
			return err
		}
		now := db.now()
		for _, o := range orders {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO case_orders (case_id, order_id) VALUES (?,?)`, id, o); err != nil {
				return fmt.Errorf("link order: %w", err)
			}
		}
		records := []fmt.Stringer{id}
		for _, e := range evidence {
			if err := writable(ctx, tx, "evidence", int64(e), e.String()); err != nil {
				return err
			}
			if err := link(ctx, tx, e, vault.Links{Cases: []vault.CaseID{id}}); err != nil {
				return err
			}
			if _, err := exec(ctx, tx, `DELETE FROM case_excluded WHERE case_id = ? AND evidence_id = ?`, id, e); err != nil {
				return err
			}
			records = append(records, e)
		}
		return audit(ctx, tx, now, "link", records...)
	})
}
